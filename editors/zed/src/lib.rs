//! Zed starts `faultline server` for the TOML files of a worktree: the command found on the
//! worktree's `PATH` (Zed's shell environment for it), with `server` as its argument.

use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree};

struct Faultline;

impl zed::Extension for Faultline {
    fn new() -> Self {
        Faultline
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("faultline").ok_or_else(|| {
            "`faultline` is not on PATH: install it (cargo install --path . in the faultline \
             repository) or add its folder to PATH"
                .to_owned()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_owned()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Faultline);
