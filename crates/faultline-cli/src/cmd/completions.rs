//! `faultline completions SHELL`: print a shell completion script (clap_complete).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit::Outcome;

/// Arguments of `faultline completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = COMPLETIONS_HELP)]
pub(crate) struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

const COMPLETIONS_HELP: &str = "\
Examples:
  faultline completions bash > ~/.local/share/bash-completion/completions/faultline
  faultline completions zsh > ~/.zfunc/_faultline      # with fpath+=(~/.zfunc) in ~/.zshrc
  faultline completions fish > ~/.config/fish/completions/faultline.fish
  faultline completions powershell >> $PROFILE
  faultline completions elvish >> ~/.config/elvish/rc.elv";

pub(crate) fn run(args: &CompletionsArgs) -> miette::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "faultline",
        &mut std::io::stdout().lock(),
    );
    Ok(Outcome::Clean)
}
