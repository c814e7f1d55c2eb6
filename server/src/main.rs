//! The server binary: `serve` (the default) runs the web portal; `assess` runs the rules over
//! JSON Lines.

use clap::Parser;
use server::cli::{Cli, Command};
use server::{assess_batch, http, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => {
            telemetry::init(&args.log_format);
            match http::serve(args).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!(error = %e, "the server stopped");
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Assess(args) => match assess_batch::run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
