//! `unknown-prop` and `unknown-condition`: names the catalog does not have.
//! They are found while resolving names; these entries document them and let
//! a config set their level.

use super::{Check, Rule, RuleInfo};
use crate::diagnostic::Severity;

/// A prop the catalog does not know.
pub const UNKNOWN_PROP: Rule = Rule {
    info: RuleInfo {
        name: "unknown-prop",
        default: Severity::Error,
        summary: "a prop the catalog does not know, with the closest known one",
        explanation: "The handout's checklist tells students what to bring, so every prop must be one ybc knows. \
A misspelt prop would print as nonsense on the list. ybc suggests the closest known prop. A studio whose own props \
are not in the catalog (a kettlebell, a sandbag) can allow the rule in ybc.toml: its props are then kept just as \
written, on the checklist, the cards and in the JSON.",
        source: "The upper-back strengthening guide, \"Props and how to use them\": mat, towel, block, bolster, strap, band, foam roller, blanket, ball, wall, chair, ankle weights, TRX.",
        example: "props mat, blok\nstrength:\n  locust hold 20-30s with blok\n",
        fixed: "props mat, block\nstrength:\n  locust hold 20-30s with block\n",
    },
    check: Check::Stage("resolve"),
};

/// A condition the catalog does not know.
pub const UNKNOWN_CONDITION: Rule = Rule {
    info: RuleInfo {
        name: "unknown-condition",
        default: Severity::Error,
        summary: "an audience condition the catalog does not know, with the closest known one",
        explanation: "Contraindications are looked up by condition. A condition ybc does not know would be checked \
against nothing, and the class would get no warning at all: the most dangerous kind of silent pass.",
        source: "The upper-back strengthening guide, \"Key safety considerations and common contraindications\".",
        example: "audience osteoporsis\nstrength:\n  sphinx hold 30s\n",
        fixed: "audience osteoporosis\nstrength:\n  sphinx hold 30s\n",
    },
    check: Check::Stage("resolve"),
};
