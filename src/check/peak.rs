//! Peak poses: the class's most demanding shapes, which the sequencing rules
//! place after a warm-up (`peak-before-warmup`) and follow with a counterpose
//! (`missing-counterpose`). Read from what a pose does, so a studio's own pose
//! with `inversion` or `deep-backbend` on its `pose` line counts as well.

use crate::catalog::{Pose, Property};

/// What makes a pose a peak pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Peak {
    /// Upside down (`inversion`): headstand, shoulder stand, handstand.
    Inversion,
    /// The whole body on the hands (`arm-balance`): crow.
    ArmBalance,
    /// A deep backbend (`deep-backbend`): camel, bow, wheel, dancer.
    DeepBackbend,
    /// A deep hip bend with the leg crossed or turned (`hip-crossing`): pigeon, lotus, eagle.
    HipOpener,
}

impl Peak {
    /// The peak a pose is, if any; a pose that is two (handstand is an
    /// inversion and an arm balance) is named by the first in this order.
    pub(super) fn of(pose: &Pose) -> Option<Self> {
        [
            (Property::Inversion, Peak::Inversion),
            (Property::ArmBalance, Peak::ArmBalance),
            (Property::DeepBackbend, Peak::DeepBackbend),
            (Property::HipCrossing, Peak::HipOpener),
        ]
        .into_iter()
        .find_map(|(property, peak)| pose.has(property).then_some(peak))
    }

    /// The peak in words, after "is": "an inversion".
    pub(super) fn words(self) -> &'static str {
        match self {
            Peak::Inversion => "an inversion",
            Peak::ArmBalance => "an arm balance",
            Peak::DeepBackbend => "a deep backbend",
            Peak::HipOpener => "a deep hip opener",
        }
    }
}

/// Whether the pose is done lying down, on the back or the belly.
pub(super) fn lying_down(pose: &Pose) -> bool {
    pose.has(Property::Supine) || pose.has(Property::Prone)
}
