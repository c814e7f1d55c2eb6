//! Referrals to the notice's other lines of help (二(一)–(七)), RULES.md §5: what else a
//! household may ask for, and which department answers.

use super::household::{EventKind, Household, Status, Student};
use super::parameters::InForce;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Referral {
    DibaoApply,
    DibaoKeyPerson,
    DisasterRelief,
    EducationAid,
    Employment,
    Housing,
    MedicalInsuranceBoost,
    MedicalSpecialDisease,
    TekunCare,
    Textbooks,
}

impl Referral {
    /// The notice's clause for this line of help.
    pub fn clause(self) -> &'static str {
        match self {
            Referral::DibaoApply | Referral::DibaoKeyPerson => "二(一)",
            Referral::TekunCare => "二(二)",
            Referral::DisasterRelief => "二(三)",
            Referral::MedicalSpecialDisease | Referral::MedicalInsuranceBoost => "二(四)",
            Referral::Textbooks | Referral::EducationAid => "二(五)",
            Referral::Housing => "二(六)",
            Referral::Employment => "二(七)",
        }
    }

    /// The number in the clause: 1 for 二(一) … 7 for 二(七).
    pub fn clause_number(self) -> u8 {
        match self {
            Referral::DibaoApply | Referral::DibaoKeyPerson => 1,
            Referral::TekunCare => 2,
            Referral::DisasterRelief => 3,
            Referral::MedicalSpecialDisease | Referral::MedicalInsuranceBoost => 4,
            Referral::Textbooks | Referral::EducationAid => 5,
            Referral::Housing => 6,
            Referral::Employment => 7,
        }
    }

    /// The lead department the notice names, in Chinese and English.
    pub fn department(self) -> (&'static str, &'static str) {
        match self {
            Referral::DibaoApply | Referral::DibaoKeyPerson | Referral::TekunCare => {
                ("区民政局", "District Civil Affairs Bureau")
            }
            Referral::DisasterRelief => ("区应急局", "District Emergency Management Bureau"),
            Referral::MedicalSpecialDisease => ("区医保局", "District Healthcare Security Bureau"),
            Referral::MedicalInsuranceBoost => ("区卫生健康委", "District Health Commission"),
            Referral::Textbooks | Referral::EducationAid => ("区教委", "District Education Commission"),
            Referral::Housing => (
                "区住房城乡建委",
                "District Housing and Urban-Rural Development Commission",
            ),
            Referral::Employment => (
                "区人力社保局",
                "District Human Resources and Social Security Bureau",
            ),
        }
    }

    /// What the help is, in plain words (Chinese, English).
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Referral::DibaoApply => (
                "您家的人均收入低于低保标准，可以申请城市最低生活保障（低保）。",
                "Your income per person is below the 低保 standard: you can apply for the minimum living guarantee (低保).",
            ),
            Referral::DibaoKeyPerson => (
                "家中有残疾、重病、70 岁以上或在校学生的低保成员，可以申请分类重点救助。",
                "A 低保 member who is disabled, seriously ill, aged 70 or over, or a student can get extra targeted support.",
            ),
            Referral::TekunCare => (
                "特困人员生活不能自理的，可以申请照料护理补贴或集中供养。",
                "A person in extreme poverty who cannot look after themselves can get a care allowance or residential care.",
            ),
            Referral::DisasterRelief => (
                "受自然灾害影响，可以申请应急救助和过渡期救助。",
                "After a natural disaster you can ask for disaster relief and help through the recovery period.",
            ),
            Referral::MedicalSpecialDisease => (
                "地中海贫血、慢性髓系白血病、尘肺病、儿童白血病属于特殊病种，可以申请医疗救助。",
                "Thalassaemia, chronic myeloid leukaemia, pneumoconiosis and childhood leukaemia qualify for special-disease medical aid.",
            ),
            Referral::MedicalInsuranceBoost => (
                "可以签约家庭医生；在区内住院，医保起付线降低 50%，报销比例提高 10%。",
                "You can sign up with a family doctor; for hospital stays in the district the deductible is halved and reimbursement is 10 points higher.",
            ),
            Referral::Textbooks => (
                "高中阶段的学生可以免费领取教科书。",
                "A senior-high-school student gets free textbooks.",
            ),
            Referral::EducationAid => (
                "在校学生可以申请从学前到大学各阶段的学生资助。",
                "A student at any stage, from preschool to university, can apply for student aid.",
            ),
            Referral::Housing => (
                "住房困难的，可以优先申请公租房或租赁补贴。",
                "With housing hardship you have priority for public rental housing or a rent subsidy.",
            ),
            Referral::Employment => (
                "家中无人就业，可以申请就业帮扶、职业培训或公益性岗位。",
                "With nobody in work you can get job support, training or a public-welfare job.",
            ),
        }
    }
}

/// The referrals this household's answers point to, sorted by id (assess-api.md).
pub fn referrals(h: &Household, p: &InForce) -> Vec<Referral> {
    let special = h.status.is_special_difficulty();
    let has_student = h.members.iter().any(|m| m.student.is_some());
    let mut out = Vec::new();

    // 二(一): per-capita monthly income below the standard ⇔ yearly income < standard × 12 × size.
    let income_below_dibao = h.annual_income < p.dibao_monthly.times(12 * h.size());
    let property_ok = h.financial_assets <= p.dibao_monthly.times(p.property_asset_months * h.size())
        && h.extra_homes == 0
        && h.vehicles == 0;
    if h.status == Status::None && income_below_dibao && property_ok {
        out.push(Referral::DibaoApply);
    }
    if h.status.is_dibao()
        && h.members.iter().any(|m| {
            m.disabled || m.serious_illness || m.age >= p.referral_key_person_min_age || m.student.is_some()
        })
    {
        out.push(Referral::DibaoKeyPerson);
    }
    if h.status == Status::Tekun && h.members.iter().any(|m| m.needs_care) {
        out.push(Referral::TekunCare);
    }
    if h.emergency
        .as_ref()
        .is_some_and(|e| e.event == EventKind::NaturalDisaster)
    {
        out.push(Referral::DisasterRelief);
    }
    if h.members.iter().any(|m| m.special_disease.is_some()) {
        out.push(Referral::MedicalSpecialDisease);
    }
    if special {
        out.push(Referral::MedicalInsuranceBoost);
        if h.members.iter().any(|m| m.student == Some(Student::SeniorHigh)) {
            out.push(Referral::Textbooks);
        }
        if has_student {
            out.push(Referral::EducationAid);
        }
        if h.housing_hardship {
            out.push(Referral::Housing);
        }
        let nobody_employed = h.members.iter().all(|m| !m.employed);
        let someone_can_work = h.members.iter().any(|m| {
            m.able_to_work && (p.referral_working_age_min..=p.referral_working_age_max).contains(&m.age)
        });
        if nobody_employed && someone_can_work {
            out.push(Referral::Employment);
        }
    }
    sort_few(&mut out, |r| *r);
    out
}

/// Referrals in the notice's order (二(一) … 二(七)), as staff recognise them. By the
/// clause's number: the clauses' text does not sort that way (七 comes before 三 in Unicode).
pub fn in_clause_order(referrals: &mut [Referral]) {
    sort_few(referrals, |r| r.clause_number());
}

/// A stable sort for the few referrals a household can have (ten at most). The standard
/// library's sort is built for any length, and its code would be downloaded by every phone
/// that opens the check (issue 11, item 2); for ten items an insertion sort is as fast.
fn sort_few<K: Ord>(items: &mut [Referral], key: impl Fn(&Referral) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referrals_are_shown_in_the_notices_order_from_one_to_seven() {
        let mut shown = vec![
            Referral::Employment,
            Referral::DisasterRelief,
            Referral::Housing,
            Referral::DibaoApply,
            Referral::Textbooks,
            Referral::MedicalInsuranceBoost,
            Referral::TekunCare,
        ];
        in_clause_order(&mut shown);
        let numbers: Vec<u8> = shown.iter().map(|r| r.clause_number()).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
        assert!(shown.iter().all(|r| {
            r.clause()
                .contains(["一", "二", "三", "四", "五", "六", "七"][usize::from(r.clause_number()) - 1])
        }));
    }

    #[test]
    fn the_few_referrals_keep_their_order_when_equal() {
        let mut shown = vec![Referral::EducationAid, Referral::Textbooks, Referral::DibaoApply];
        in_clause_order(&mut shown);
        assert_eq!(
            shown,
            [Referral::DibaoApply, Referral::EducationAid, Referral::Textbooks]
        );
    }
}
