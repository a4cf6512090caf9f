//! Sets `YBC_VERSION` for `ybc --version`: the package version and, in a build
//! from a git checkout, the commit (`0.1.0 (3f2a9c1)`). Without git, or outside
//! a checkout, it is the package version alone, or `YBC_COMMIT` when that is set.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=YBC_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = std::env::var("YBC_COMMIT").ok().filter(|c| !c.is_empty()).or_else(|| {
        // Rebuild when HEAD moves: on a commit, a checkout, or a branch update.
        for file in ["HEAD", "packed-refs"] {
            if let Some(path) = git(&["rev-parse", "--git-path", file]).filter(|p| std::path::Path::new(p).exists()) {
                println!("cargo:rerun-if-changed={path}");
            }
        }
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
            && let Some(path) = git(&["rev-parse", "--git-path", &branch]).filter(|p| std::path::Path::new(p).exists())
        {
            println!("cargo:rerun-if-changed={path}");
        }
        git(&["rev-parse", "--short", "HEAD"])
    });
    match commit {
        Some(commit) => println!("cargo:rustc-env=YBC_VERSION={version} ({commit})"),
        None => println!("cargo:rustc-env=YBC_VERSION={version}"),
    }
}
