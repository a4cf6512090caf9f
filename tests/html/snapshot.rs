//! The rendered desk reset, as a snapshot: a template or figure change shows up
//! as a diff to review (`cargo insta review`).

use crate::harness::{build, repo};

#[test]
fn desk_reset_handout() {
    let built = build(&repo().join("routines/desk-reset.ybc"), &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    insta::assert_snapshot!("desk_reset_handout", built.html);
}
