//! The district's 30 towns and subdistricts (镇街), RULES.md §1: each receives, investigates and
//! handles its residents' applications (notice 四(一)).

/// A town or subdistrict, by its short name and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Town {
    /// Short name as on the national division list, e.g. 几江.
    pub name: &'static str,
    pub pinyin: &'static str,
    pub kind: TownKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TownKind {
    /// 街道
    Subdistrict,
    /// 镇
    Town,
}

impl Town {
    /// The full name used in forms and in the API: 几江街道, 白沙镇.
    pub fn full_name(&self) -> String {
        let suffix = match self.kind {
            TownKind::Subdistrict => "街道",
            TownKind::Town => "镇",
        };
        format!("{}{}", self.name, suffix)
    }

    pub fn english_name(&self) -> String {
        let suffix = match self.kind {
            TownKind::Subdistrict => "Subdistrict",
            TownKind::Town => "Town",
        };
        format!("{} {}", self.pinyin, suffix)
    }

    /// Finds a town by its full name (几江街道), as the API and the forms send it.
    pub fn by_full_name(full: &str) -> Option<Town> {
        TOWNS.iter().copied().find(|t| t.full_name() == full)
    }

    /// Finds a town by its full name or its short one (白沙镇 or 白沙), as operators type it.
    pub fn by_name(name: &str) -> Option<Town> {
        TOWNS
            .iter()
            .copied()
            .find(|t| t.full_name() == name || t.name == name)
    }
}

const fn sub(name: &'static str, pinyin: &'static str) -> Town {
    Town {
        name,
        pinyin,
        kind: TownKind::Subdistrict,
    }
}

const fn town(name: &'static str, pinyin: &'static str) -> Town {
    Town {
        name,
        pinyin,
        kind: TownKind::Town,
    }
}

/// The 5 subdistricts, then the 25 towns, in the order of RULES.md §1.
pub const TOWNS: [Town; 30] = [
    sub("几江", "Jijiang"),
    sub("德感", "Degan"),
    sub("双福", "Shuangfu"),
    sub("鼎山", "Dingshan"),
    sub("圣泉", "Shengquan"),
    town("油溪", "Youxi"),
    town("吴滩", "Wutan"),
    town("石门", "Shimen"),
    town("朱杨", "Zhuyang"),
    town("石蟆", "Shima"),
    town("永兴", "Yongxing"),
    town("塘河", "Tanghe"),
    town("白沙", "Baisha"),
    town("龙华", "Longhua"),
    town("李市", "Lishi"),
    town("慈云", "Ciyun"),
    town("蔡家", "Caijia"),
    town("中山", "Zhongshan"),
    town("嘉平", "Jiaping"),
    town("柏林", "Bailin"),
    town("先锋", "Xianfeng"),
    town("珞璜", "Luohuang"),
    town("贾嗣", "Jiasi"),
    town("夏坝", "Xiaba"),
    town("西湖", "Xihu"),
    town("杜市", "Dushi"),
    town("广兴", "Guangxing"),
    town("四面山", "Simianshan"),
    town("支坪", "Zhiping"),
    town("四屏", "Siping"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_five_subdistricts_and_twenty_five_towns() {
        let subs = TOWNS.iter().filter(|t| t.kind == TownKind::Subdistrict).count();
        assert_eq!((subs, TOWNS.len() - subs), (5, 25));
    }

    #[test]
    fn a_town_is_found_by_its_full_name_only() {
        assert_eq!(Town::by_full_name("白沙镇").map(|t| t.name), Some("白沙"));
        assert_eq!(Town::by_full_name("几江街道").map(|t| t.name), Some("几江"));
        assert_eq!(Town::by_full_name("白沙"), None);
        assert_eq!(Town::by_full_name("几江镇"), None);
    }
}
