//! Accepting connections, with the limits a public server needs and `axum::serve` lacks
//! (issue 8, item 6): a client that sends its request headers too slowly is cut off, a request
//! body that stalls is cut off (a layer in `router`), no more than a set number of connections
//! are served at once (past it, an honest 503 and the connection closed, before file handles run
//! out), and after SIGTERM the requests in flight get a deadline, after which the process exits
//! whatever a stalled client is doing.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// From the connection's first byte (or its last answer) to the end of the next request's
    /// headers.
    pub header_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// How long the requests in flight may take after SIGTERM.
    pub shutdown_deadline: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then waits for the requests in flight
/// at most `limits.shutdown_deadline`. True when every connection finished in time.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> bool {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file handles, or a connection reset before we took it: wait a
                    // moment rather than spin, and go on.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            app.clone().oneshot(request)
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or is cut off ends here; nothing to report.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing the requests in flight");
    match tokio::time::timeout(limits.shutdown_deadline, graceful.shutdown()).await {
        Ok(()) => true,
        Err(_) => {
            tracing::warn!(
                deadline_seconds = limits.shutdown_deadline.as_secs(),
                "requests still in flight at the shutdown deadline were cut off"
            );
            false
        }
    }
}

/// Past the connection limit: a short, honest answer, then the connection is closed.
async fn refuse(mut stream: TcpStream) {
    let busy = app::i18n::failures::SERVER_BUSY;
    let body = format!("{}\n{}\n", busy.0, busy.1);
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
         retry-after: 5\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    // The client may already be gone; nothing else to do for it either way.
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await?;
        // Closing a socket whose request was never read makes the kernel reset the
        // connection, and a reset can reach the client before it has read our answer: read
        // (and drop) what it sent until it closes its side, a little at most.
        let mut sink = [0u8; 4096];
        let mut left: usize = 64 * 1024;
        while left > 0 {
            match stream.read(&mut sink).await? {
                0 => break,
                n => left = left.saturating_sub(n),
            }
        }
        Ok::<(), std::io::Error>(())
    })
    .await;
}
