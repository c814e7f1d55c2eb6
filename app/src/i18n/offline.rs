//! The page the phone shows when there is no signal (server/src/http/offline/sw.js).

use super::Text;

pub const NO_CONNECTION: Text = Text("现在没有网络", "No connection right now");
pub const NOTHING_IS_LOST: Text = Text(
    "这个页面要连上网络才能打开。你已经填写的内容还留在这部手机上。",
    "This page needs a connection. What you have already filled in is still on this phone.",
);
pub const ANSWERS_KEPT: Text = Text(
    "你在“看看能不能申请”里填写的回答都保存好了。连上网络后，点下面的按钮继续申请，不用重新填写。",
    "Your answers to the check are kept. When you are connected again, press the button below to carry on with your application; you will not have to type them again.",
);
pub const CONTINUE_APPLICATION: Text = Text("继续申请", "Carry on with my application");
pub const WHAT_WORKS_OFFLINE: Text = Text("没有网络时还能用：", "Without a connection you can still:");
pub const CHECK_OFFLINE: Text = Text(
    "看看能不能申请（不用网络也能算）",
    "Check whether you can apply (works without a connection)",
);
pub const TRACK_OFFLINE: Text = Text(
    "打开查询进度的页面（查询时要连上网络）",
    "Open the tracking form (you need a connection to look up)",
);
