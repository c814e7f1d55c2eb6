//! The server binary: `serve` (the default) runs the web portal; `assess` runs the rules over
//! JSON Lines; `user add` and `demo` create staff accounts; `towns duty` sets duty numbers;
//! `messages list` and `messages retry` show and resend failed texts; `keygen` makes a data key
//! file; `migrate-data` copies a portal into another database; `backup` copies a SQLite
//! database.

use clap::Parser;
use server::cli::{Cli, Command, MessagesCommand, ParametersCommand, TownsCommand, UserCommand};
use server::messages::commands;
use server::{accounts, assess_batch, http, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => {
            telemetry::init(&args.log_format);
            match http::serve((*args).into()).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!(error = %e, "the server stopped");
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Assess(args) => finish(
            assess_batch::run(
                args.parameters.as_deref(),
                args.database_url.as_deref(),
                args.today,
            )
            .await,
        ),
        Command::User(UserCommand::Add(args)) => finish(
            accounts::add(
                &args.database.database_url,
                &args.username,
                args.name.as_deref(),
                &args.role,
                args.town.as_deref(),
            )
            .await,
        ),
        Command::Parameters(ParametersCommand::Export(args)) => {
            finish(server::parameters::export(&args.database.database_url, args.out).await)
        }
        Command::Parameters(ParametersCommand::Import(args)) => finish(
            server::parameters::import(&args.database.database_url, &args.file, args.by.as_deref()).await,
        ),
        Command::Recheck(args) => {
            finish(server::recheck::command(&args.database.database_url, args.today, args.dry_run).await)
        }
        Command::Demo(args) => finish(demo(&args.database_url).await),
        Command::Towns(TownsCommand::Duty(args)) => {
            finish(commands::set_duty(&args.database.database_url, &args.town, &args.phones).await)
        }
        Command::Messages(MessagesCommand::List(args)) => {
            finish(commands::list(&args.database.database_url, &args.status, args.limit).await)
        }
        Command::Messages(MessagesCommand::Retry(args)) => {
            finish(commands::retry(&args.database.database_url, args.id).await)
        }
        Command::PurgeDrafts(args) => finish(purge_drafts(args).await),
        Command::Keygen(args) => finish(server::crypto::write_new_key_file(&args.to)),
        Command::MigrateData(args) => finish(migrate_data(args).await),
        Command::Backup(args) => finish(backup(args).await),
    }
}

/// `server demo`: the demonstration accounts, then the demonstration's texts.
async fn demo(database_url: &str) -> Result<(), String> {
    accounts::demo(database_url).await?;
    commands::demo(database_url).await
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `server purge-drafts`: what the start does, on its own, and says what it did.
async fn purge_drafts(args: server::cli::PurgeArgs) -> Result<(), String> {
    // The set in force in the database, as the portal's own start purges with it.
    let file = server::config::load_parameters(args.parameters.as_deref())?;
    let parameters = server::config::stored_set(&args.database.database_url)
        .await?
        .unwrap_or(file);
    let database = server::db::connect(&args.database.database_url, None).await?;
    let documents = database.document_store(&args.documents_dir)?;
    let (drafts, files) =
        server::retention::purge_drafts(&database.store, documents, &parameters, chrono::Utc::now()).await?;
    database.store.close().await;
    println!("purged {drafts} drafts and {files} documents past their retention");
    Ok(())
}

/// `server migrate-data`: the copy, and the report of both sides read back.
async fn migrate_data(args: server::cli::MigrateDataArgs) -> Result<(), String> {
    use server::db::copy::{Side, copy};
    let from = Side {
        url: &args.from,
        documents: &args.from_documents,
    };
    let to = Side {
        url: &args.to,
        documents: &args.to_documents,
    };
    let report = copy(from, to).await?;
    print!("{report}");
    if report.matches() {
        Ok(())
    } else {
        Err(
            "the target does not read back as the source: see the tables marked DIFFERS (was \
             a portal still writing to the source?). The target keeps what was copied: empty it \
             (a new database, or delete the SQLite file and its documents folder) before copying \
             again."
                .into(),
        )
    }
}

/// `server backup`: the copy, and what to do next.
async fn backup(args: server::cli::BackupArgs) -> Result<(), String> {
    let size = server::db::backup::to_file(&args.database.database_url, &args.to).await?;
    println!(
        "wrote {} ({size} bytes), the database as it was when the backup began. Now copy the \
         documents folder (PORTAL_DOCUMENTS_DIR) beside it, and keep the data key file apart \
         (docs/operations.md, \"Backup and restore\").",
        args.to.display()
    );
    Ok(())
}
