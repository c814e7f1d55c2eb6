//! Simple bar charts drawn as SVG on the server: no script, no library, readable on a phone
//! (the drawing scales to the screen's width) and to a screen reader (a title and the figures
//! as text beside each bar).

use leptos::prelude::*;

/// One bar: its label, its value and, as text, how the value reads ("12", "3,276 元").
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

// In the drawing's own units, about a pixel each on a phone: the drawing is as wide as a phone's
// column, so its 14-unit text reads at 14 px there, and it grows no wider than 36rem on a desk.
const ROW: f64 = 28.0;
const LABEL_WIDTH: f64 = 110.0;
const BAR_WIDTH: f64 = 170.0;
const WIDTH: f64 = LABEL_WIDTH + BAR_WIDTH + 80.0;

/// A horizontal bar chart. `id` names its title, to which the drawing refers.
#[component]
pub fn BarChart(#[prop(into)] id: String, #[prop(into)] title: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len().max(1) as f64 + 4.0;
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption id=title_id.clone()>{title}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-labelledby=title_id
                preserveAspectRatio="xMinYMin meet">
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, bar)| {
                        let y = i as f64 * ROW + 2.0;
                        let length = if max > 0.0 { (bar.value / max * BAR_WIDTH).max(1.0) } else { 1.0 };
                        view! {
                            <g>
                                <text x=LABEL_WIDTH - 6.0 y=y + 18.0 text-anchor="end" class="chart-label">{bar.label.clone()}</text>
                                <rect x=LABEL_WIDTH y=y + 4.0 width=length height=ROW - 8.0 class="chart-bar"/>
                                <text x=LABEL_WIDTH + length + 6.0 y=y + 18.0 class="chart-value">{bar.text.clone()}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
