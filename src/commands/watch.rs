//! `--watch` for `status` and `check`: the same reading again every interval until Ctrl-C (exit
//! 0). On a terminal each frame replaces the last; otherwise frames follow each other, and with
//! `-o json` each is one JSON document on one line. A frame that fails (a node restarting, the
//! API server away) shows its error and the next one tries again; bad input or a refusal ends it.

use std::future::Future;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use crate::context::Context;
use crate::error::{Error, ExitCode, Kind, Result};

/// Runs `frame` every `interval` until Ctrl-C. `title` heads each frame on a terminal; `ctx` (and
/// the one `frame` prints with) is `Context::one_document_per_line`.
pub async fn every<F, Fut>(ctx: &Context, interval: Duration, title: &str, mut frame: F) -> Result<ExitCode>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<ExitCode>>,
{
    let redraw = !ctx.out.documents() && std::io::stdout().is_terminal();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        if redraw {
            // Home and clear, then the frame: the screen shows only the latest one.
            print!("\x1b[H\x1b[2J");
            println!("Every {}: {title}", crate::units::format(interval));
        }
        let result = tokio::select! {
            _ = &mut ctrl_c => return Ok(ExitCode::Success),
            result = frame() => result,
        };
        match result {
            // Bad input or a refusal (a wrong password, a missing permission) will not pass.
            Err(e) if matches!(e.kind, Kind::Usage | Kind::Refused) => return Err(e),
            Err(e) => show_error(ctx, &e),
            Ok(_) => {}
        }
        if !redraw && !ctx.out.documents() {
            println!();
        }
        let _ = std::io::stdout().flush();
        tokio::select! {
            _ = &mut ctrl_c => return Ok(ExitCode::Success),
            () = tokio::time::sleep(interval) => {}
        }
    }
}

/// A failed frame: the error and its hint, as a document of its own with `-o json`.
fn show_error(ctx: &Context, e: &Error) {
    if ctx.out.documents() {
        ctx.out.event(&serde_json::json!({ "error": e.to_string(), "hint": e.hint }));
    } else {
        println!("{}", ctx.style.bad(&format!("error: {e}")));
        if let Some(hint) = &e.hint {
            println!("hint: {hint}");
        }
    }
}
