//! A small HTTP/1.1 server over `std::net` for the preview, built so that no client can exhaust
//! it: every connection has a thread of its own (so idle ones cost a blocked thread and a small
//! buffer, not a turn of a shared pool), the number of connections is capped, a request head must
//! arrive whole, within [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`], in [`HEAD_TIMEOUT`], and every
//! write gives up after [`WRITE_TIMEOUT`]. Only `GET` and `HEAD` without a body are answered;
//! request heads are parsed by `httparse`.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Open connections, idle and live-reload ones included; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 512;
/// Request line and headers together; a longer head is answered 431 and the connection closed.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Headers in one request (browsers send about 15).
pub const MAX_HEADERS: usize = 64;
/// Time for a whole request head to arrive, and for a kept-alive connection to send its next one.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a single write may block on a client that does not read.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connection threads only look files up and copy bytes: a small stack is plenty.
const THREAD_STACK: usize = 256 * 1024;
/// Bytes read from the socket at a time.
const READ_CHUNK: usize = 4096;

/// A parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `HEAD`.
    pub method: String,
    /// The request target as sent (`/guides/x?y`), still percent-encoded.
    pub target: String,
    /// The `Host` header, when there is exactly one.
    pub host: Option<String>,
    /// Whether the client asked to close the connection after this response.
    close: bool,
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers besides `Content-Length` and `Connection`.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for `HEAD`).
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of the given type; never cached, never sniffed.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-store".into()),
                ("X-Content-Type-Options", "nosniff".into()),
            ],
            body,
        }
    }

    /// A short plain-text response.
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{text}\n").into(),
        )
    }
}

/// What the handler does with a request.
pub enum Reply {
    /// Send this response; the connection stays open for the next request if the client wants.
    Respond(Response),
    /// Hand the connection over (an event stream); it is closed when the function returns.
    TakeOver(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Answers one request.
pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// A listening socket, not yet serving.
pub struct Listener {
    listener: TcpListener,
    address: SocketAddr,
}

/// Stops a running server's accept loop.
pub struct Stopper {
    stopping: Arc<AtomicBool>,
    address: SocketAddr,
}

impl Listener {
    /// Binds `address`.
    pub fn bind(address: (&str, u16)) -> io::Result<Listener> {
        let listener = TcpListener::bind(address)?;
        let address = listener.local_addr()?;
        Ok(Listener { listener, address })
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Accepts connections on a thread of its own, each served by `handler` on a new thread.
    pub fn serve(self, handler: Handler) -> io::Result<(JoinHandle<()>, Stopper)> {
        let stopping = Arc::new(AtomicBool::new(false));
        let stopper = Stopper {
            stopping: stopping.clone(),
            address: self.address,
        };
        let thread = std::thread::Builder::new()
            .name("ipportal-accept".into())
            .spawn(move || accept_loop(&self.listener, &handler, &stopping))?;
        Ok((thread, stopper))
    }
}

impl Stopper {
    /// Ends the accept loop (open connections end on their own timeouts).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` has no timeout: one last connection wakes it to see the flag.
        let wake = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let _ =
            TcpStream::connect_timeout(&SocketAddr::new(wake, self.address.port()), WRITE_TIMEOUT);
    }
}

fn accept_loop(listener: &TcpListener, handler: &Handler, stopping: &AtomicBool) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors and the like: wait a little instead of spinning.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let Some(slot) = Slot::take(&open) else {
            refuse_busy(stream);
            continue;
        };
        let handler = handler.clone();
        let spawned = std::thread::Builder::new()
            .name("ipportal-http".into())
            .stack_size(THREAD_STACK)
            .spawn(move || {
                let _slot = slot;
                serve_connection(stream, &handler);
            });
        // A failed spawn drops the closure, its stream and its slot.
        drop(spawned);
    }
}

/// One of the [`MAX_CONNECTIONS`] places, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        let previous = open.fetch_add(1, Ordering::SeqCst);
        let slot = Slot(open.clone());
        (previous < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tells a connection over the cap so, without ever waiting on it.
fn refuse_busy(stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let _ = write_response(
            &stream,
            "GET",
            &Response::text(503, "Too many open connections; try again."),
            true,
        );
    }
}

fn serve_connection(mut stream: TcpStream, handler: &Handler) {
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() || stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buffer = Vec::new();
    loop {
        let request = match read_head(&mut stream, &mut buffer) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(refusal) => {
                let _ = write_response(&stream, "GET", &refusal, true);
                // Closing with unread bytes resets the connection: the client stops sending.
                return;
            }
        };
        match handler(&request) {
            Reply::Respond(response) => {
                if write_response(&stream, &request.method, &response, request.close).is_err()
                    || request.close
                {
                    return;
                }
            }
            Reply::TakeOver(take) => return take(stream),
        }
    }
}

/// Reads the next request head into `buffer` (which keeps any bytes after it). `Ok(None)` when
/// the client closed the connection or sent nothing in time; `Err` holds the response that
/// refuses a malformed, oversized or unsupported request.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<Option<Request>, Response> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    loop {
        if let Some((length, request)) = parse_head(buffer)? {
            buffer.drain(..length);
            return Ok(Some(request));
        }
        if buffer.len() >= MAX_HEAD_BYTES {
            return Err(Response::text(431, "Request header fields too large."));
        }
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return Ok(None);
        };
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Ok(None);
        }
        let mut chunk = [0; READ_CHUNK];
        let wanted = READ_CHUNK.min(MAX_HEAD_BYTES - buffer.len());
        match stream.read(&mut chunk[..wanted]) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
}

/// A complete head at the start of `bytes` and its length; `Ok(None)` while it is incomplete.
fn parse_head(bytes: &[u8]) -> Result<Option<(usize, Request)>, Response> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Response::text(431, "Too many request header fields."));
        }
        Err(_) => return Err(Response::text(400, "Malformed request.")),
    };
    let method = parsed.method.unwrap_or_default().to_string();
    if method != "GET" && method != "HEAD" {
        return Err(Response::text(405, "Only GET and HEAD are served."));
    }
    let header = |name: &str| -> Vec<String> {
        parsed
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
            .collect()
    };
    // A body would have to be read and skipped before the next request: there is none to serve.
    let has_body = !header("Transfer-Encoding").is_empty()
        || header("Content-Length").iter().any(|length| length != "0");
    if has_body {
        return Err(Response::text(400, "Requests with a body are not served."));
    }
    let hosts = header("Host");
    let close = parsed.version != Some(1)
        || header("Connection")
            .iter()
            .any(|value| value.eq_ignore_ascii_case("close"));
    let request = Request {
        method,
        target: parsed.path.unwrap_or("/").to_string(),
        host: (hosts.len() == 1).then(|| hosts[0].clone()),
        close,
    };
    Ok(Some((length, request)))
}

fn write_response(
    mut stream: &TcpStream,
    method: &str,
    response: &Response,
    close: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Result<Option<(usize, Request)>, u16> {
        parse_head(text.as_bytes()).map_err(|refusal| refusal.status)
    }

    #[test]
    fn a_complete_head_is_parsed_and_the_rest_left() {
        let text = "GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\n\r\nGET /next";
        let (length, request) = head(text).unwrap().unwrap();
        assert_eq!(&text[length..], "GET /next");
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a?b");
        assert_eq!(request.host.as_deref(), Some("localhost:1111"));
        assert!(!request.close);
        assert_eq!(head("GET / HTTP/1.1\r\nHost: x"), Ok(None));
    }

    #[test]
    fn closing_http_1_0_and_missing_or_repeated_hosts_are_noted() {
        let (_, request) = head("GET / HTTP/1.0\r\n\r\n").unwrap().unwrap();
        assert!(request.close);
        assert_eq!(request.host, None);
        let (_, request) =
            head("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n")
                .unwrap()
                .unwrap();
        assert!(request.close);
        assert_eq!(request.host, None);
    }

    #[test]
    fn bodies_other_methods_garbage_and_header_floods_are_refused() {
        assert_eq!(head("POST / HTTP/1.1\r\n\r\n").unwrap_err(), 405);
        assert_eq!(
            head("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").unwrap_err(),
            400
        );
        assert_eq!(
            head("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap_err(),
            400
        );
        assert_eq!(head("\x01\x02 nonsense\r\n\r\n").unwrap_err(), 400);
        let flood = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(head(&flood).unwrap_err(), 431);
    }
}
