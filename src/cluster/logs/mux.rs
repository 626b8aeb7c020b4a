//! Multiplexing many sources onto one stdout without ever splitting a line: each source formats
//! whole lines (prefix, optional timestamp, text) into batches, and one writer thread writes
//! batch after batch. Sources either share one channel (following: lines interleave, each whole)
//! or get one channel each, drained in order (a plain read: source after source).
//! Also the prefixes and their stable colours.

use std::io::Write;

use tokio::sync::mpsc;

use crate::cluster::logs::save::{Saver, SinkError};

/// Batches a source may have queued on its own channel (ordered output).
pub const ORDERED_DEPTH: usize = 4;
/// Batches all sources together may have queued on the shared channel (following).
pub const SHARED_DEPTH: usize = 256;

/// SGR foreground colours for prefixes: the six basic colours, then their bright versions.
const PALETTE: [u8; 12] = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];

/// The colour of a source's prefix: the same label always gets the same colour.
pub fn color_of(label: &str) -> u8 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in label.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    PALETTE[(hash % PALETTE.len() as u32) as usize]
}

/// The bytes put in front of each line of `label`: `[label] `, coloured or not.
pub fn prefix(label: &str, color: bool) -> Vec<u8> {
    if color {
        format!("\x1b[{}m[{label}]\x1b[0m ", color_of(label)).into_bytes()
    } else {
        format!("[{label}] ").into_bytes()
    }
}

/// Where a source's batches go.
#[derive(Debug)]
pub enum Out {
    /// A channel to the stdout writer.
    Channel(mpsc::Sender<Vec<u8>>),
    /// Files in a `--save` directory.
    File(Box<Saver>),
}

/// Formats one source's lines and hands them over in batches of whole lines.
#[derive(Debug)]
pub struct Emitter {
    prefix: Vec<u8>,
    timestamps: bool,
    buf: Vec<u8>,
    out: Out,
}

impl Emitter {
    /// An emitter writing `prefix` before each line (empty for none), keeping the server's
    /// timestamp when `timestamps`.
    pub fn new(prefix: Vec<u8>, timestamps: bool, out: Out) -> Self {
        Emitter {
            prefix,
            timestamps,
            buf: Vec::new(),
            out,
        }
    }

    /// Add a line: `stamp` is the server's timestamp (empty when there is none).
    pub fn line(&mut self, stamp: &[u8], text: &[u8]) {
        self.buf.extend_from_slice(&self.prefix);
        if self.timestamps && !stamp.is_empty() {
            self.buf.extend_from_slice(stamp);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(text);
        self.buf.push(b'\n');
    }

    /// Send what is buffered.
    pub async fn flush(&mut self) -> Result<(), SinkError> {
        if self.buf.is_empty() {
            return Ok(());
        }
        match &mut self.out {
            Out::Channel(tx) => tx
                .send(std::mem::take(&mut self.buf))
                .await
                .map_err(|_| SinkError::Closed),
            Out::File(saver) => {
                let result = saver.write(&self.buf).await;
                self.buf.clear();
                result
            }
        }
    }

    /// A new instance of the container starts (a restart): with `--save`, a new file (older
    /// ones shifted); the pod's IP names it.
    pub async fn begin_instance(&mut self, pod_ip: Option<&str>) -> Result<(), SinkError> {
        self.flush().await?;
        if let Out::File(saver) = &mut self.out {
            saver.begin_instance(pod_ip).await?;
        }
        Ok(())
    }

    /// Flush and close.
    pub async fn finish(mut self) -> Result<(), SinkError> {
        self.flush().await?;
        if let Out::File(saver) = &mut self.out {
            saver.close().await?;
        }
        Ok(())
    }
}

/// The single writer of stdout: a thread that takes sources' channels in order and writes each
/// one's batches until it closes.
#[derive(Debug)]
pub struct Writer {
    order: Option<mpsc::UnboundedSender<mpsc::Receiver<Vec<u8>>>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Writer {
    /// A writer of `out`: the command's stdout, or a buffer in tests.
    pub fn to(out: impl Write + Send + 'static) -> Self {
        let (order, mut sources) = mpsc::unbounded_channel::<mpsc::Receiver<Vec<u8>>>();
        let thread = std::thread::spawn(move || {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
            while let Some(mut source) = sources.blocking_recv() {
                while let Some(batch) = source.blocking_recv() {
                    out.write_all(&batch)?;
                    if source.is_empty() {
                        out.flush()?;
                    }
                }
            }
            out.flush()
        });
        Writer {
            order: Some(order),
            thread: Some(thread),
        }
    }

    /// A new channel whose batches are written after those of every channel made before it has
    /// closed. `depth` batches may wait in it.
    pub fn channel(&self, depth: usize) -> mpsc::Sender<Vec<u8>> {
        let (tx, rx) = mpsc::channel(depth.max(1));
        if let Some(order) = &self.order {
            // If the thread has ended (stdout closed), the receiver is dropped here and sends
            // fail, which the sources take as "stop".
            let _ = order.send(rx);
        }
        tx
    }

    /// Wait until everything sent has been written. stdout closed by its reader is not an
    /// error.
    pub async fn finish(mut self) -> std::io::Result<()> {
        self.order = None;
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        let joined = tokio::task::spawn_blocking(move || thread.join())
            .await
            .map_err(std::io::Error::other)?;
        match joined {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(std::io::Error::other(
                "the stdout writer stopped unexpectedly",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn colours_are_stable_and_spread() {
        assert_eq!(color_of("worker-7"), color_of("worker-7"));
        let distinct: std::collections::BTreeSet<u8> =
            (0..40).map(|i| color_of(&format!("worker-{i}"))).collect();
        assert!(distinct.len() >= 6, "{distinct:?}");
        assert_eq!(prefix("job-master", false), b"[job-master] ");
        let coloured = String::from_utf8(prefix("job-master", true)).unwrap();
        assert!(coloured.starts_with("\x1b[") && coloured.ends_with("[job-master]\x1b[0m "));
    }

    #[tokio::test]
    async fn ordered_channels_are_written_one_after_another() {
        let buffer = Shared::default();
        let writer = Writer::to(buffer.clone());
        let first = writer.channel(1);
        let second = writer.channel(1);
        let mut a = Emitter::new(prefix("a", false), false, Out::Channel(first));
        let mut b = Emitter::new(prefix("b", false), true, Out::Channel(second));
        let late = tokio::spawn(async move {
            b.line(b"2025-01-01T00:00:00Z", b"b1");
            b.flush().await.unwrap();
            b.line(b"", b"b2");
            b.finish().await.unwrap();
        });
        a.line(b"2025-01-01T00:00:00Z", b"a1");
        a.flush().await.unwrap();
        a.line(b"x", b"a2");
        a.finish().await.unwrap();
        late.await.unwrap();
        writer.finish().await.unwrap();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            text,
            "[a] a1\n[a] a2\n[b] 2025-01-01T00:00:00Z b1\n[b] b2\n"
        );
    }

    #[tokio::test]
    async fn shared_channel_never_splits_lines() {
        let buffer = Shared::default();
        let writer = Writer::to(buffer.clone());
        let shared = writer.channel(SHARED_DEPTH);
        let mut tasks = Vec::new();
        for source in 0..8 {
            let tx = shared.clone();
            tasks.push(tokio::spawn(async move {
                let mut e = Emitter::new(
                    prefix(&format!("s{source}"), false),
                    false,
                    Out::Channel(tx),
                );
                for n in 0..500 {
                    let text = format!("{source}-{n}-{}", "x".repeat(n % 97));
                    e.line(b"", text.as_bytes());
                    if n % 3 == 0 {
                        e.flush().await.unwrap();
                    }
                }
                e.finish().await.unwrap();
            }));
        }
        drop(shared);
        for t in tasks {
            t.await.unwrap();
        }
        writer.finish().await.unwrap();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let mut next = [0usize; 8];
        for line in text.lines() {
            let (prefix, body) = line.split_once("] ").unwrap();
            let source: usize = prefix.trim_start_matches("[s").parse().unwrap();
            let mut parts = body.splitn(3, '-');
            assert_eq!(parts.next().unwrap().parse::<usize>().unwrap(), source);
            let n: usize = parts.next().unwrap().parse().unwrap();
            assert_eq!(n, next[source], "order per source");
            assert_eq!(parts.next().unwrap(), "x".repeat(n % 97));
            next[source] += 1;
        }
        assert_eq!(next, [500; 8]);
    }

    #[tokio::test]
    async fn a_closed_stdout_stops_sources_quietly() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
        }
        let writer = Writer::to(Closed);
        let mut e = Emitter::new(Vec::new(), false, Out::Channel(writer.channel(1)));
        let mut closed = false;
        for _ in 0..10 {
            e.line(b"", b"line");
            if matches!(e.flush().await, Err(SinkError::Closed)) {
                closed = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        assert!(closed);
        writer.finish().await.unwrap();
    }
}
