//! Script mode: input from a pipe, a file or `-e`, split into complete expressions and run
//! one after the other without prompts.
//!
//! A chunk ends when it parses (or fails for a reason more input cannot fix), unless the next
//! non-blank line starts with a binary operator such as `|>`: then the expression continues,
//! as in an Elixir file.

/// One complete input and the line it starts on (1-based): line `k` of `text` is line
/// `line + k - 1` of the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub text: String,
    pub line: usize,
}

/// Splits a script into chunks; `#iex:break` alone on a line abandons the chunk being built.
pub fn chunks(src: &str) -> Vec<Chunk> {
    let mut splitter = Splitter::default();
    let mut chunks: Vec<Chunk> = src.lines().flat_map(|line| splitter.push(line)).collect();
    chunks.extend(splitter.finish());
    chunks
}

/// Splits lines into chunks as they arrive (a script on a pipe). A complete expression is held
/// until the next line with code shows whether it continues with `|>` (`push` then returns
/// it), or until the caller, seeing no more input for now, takes it with `flush`. A line that
/// continues an expression taken that way pipes its result (`v()`), as at the prompt.
#[derive(Debug, Default)]
pub struct Splitter {
    /// The expression being built.
    buffer: String,
    /// Its first line (0-based).
    start: usize,
    /// The number of lines pushed so far.
    lines: usize,
    /// The buffer is complete and waits for the next line with code.
    complete: bool,
    /// Blank and comment lines seen since it became complete.
    held: Vec<String>,
    /// The last chunk was taken by `flush`, before its next line was seen.
    flushed: bool,
}

impl Splitter {
    /// Adds one line; returns the chunk it shows to be complete, if any.
    pub fn push(&mut self, line: &str) -> Option<Chunk> {
        let index = self.lines;
        self.lines += 1;
        let code = !(line.trim().is_empty() || line.trim_start().starts_with('#'));
        let mut done = None;
        if self.complete {
            if !code {
                self.held.push(line.to_string());
                return None;
            }
            if crate::syntax::continues_previous(line) {
                // The expression goes on: keep the lines in between (comments emptied).
                for skipped in std::mem::take(&mut self.held) {
                    if !skipped.trim_start().starts_with('#') {
                        self.buffer.push_str(&skipped);
                    }
                    self.buffer.push('\n');
                }
                self.complete = false;
            } else {
                done = self.take();
            }
        }
        if line.trim() == "#iex:break" {
            self.buffer.clear();
            return done;
        }
        if self.buffer.is_empty() {
            if !code {
                return done;
            }
            self.start = index;
            if self.flushed && crate::syntax::continues_previous(line) {
                // The expression it continues has run: pipe its result, as at the prompt.
                self.buffer.push_str("v()\n");
                self.start = index.saturating_sub(1);
            }
            self.flushed = false;
        }
        self.buffer.push_str(line);
        self.buffer.push('\n');
        self.complete = !crate::syntax::is_incomplete(&self.buffer);
        done
    }

    /// Whether a complete expression waits for the next line.
    pub fn waiting(&self) -> bool {
        self.complete
    }

    /// Takes the complete expression that waits for the next line (no more input for now).
    pub fn flush(&mut self) -> Option<Chunk> {
        if !self.complete {
            return None;
        }
        let chunk = self.take();
        self.flushed = chunk.is_some();
        chunk
    }

    /// The end of the input: what is left, complete or not.
    pub fn finish(mut self) -> Option<Chunk> {
        self.take()
    }

    fn take(&mut self) -> Option<Chunk> {
        self.complete = false;
        self.held.clear();
        let text = std::mem::take(&mut self.buffer);
        (!text.trim().is_empty()).then(|| Chunk {
            text,
            line: self.start + 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_starts() {
        // (script, expected (line, first line of text) per chunk)
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("1\n2\n", &[(1, "1"), (2, "2")]),
            ("\n# c\n1\n", &[(3, "1")]),
            ("#iex:break\n1\n", &[(2, "1")]),
            ("a\n\n# c\n|> f()\nb\n", &[(1, "a"), (5, "b")]),
            ("[1,\n2]\n|> f()\n  |> g()\n", &[(1, "[1,")]),
            ("[1,\n#iex:break\n2\n", &[(3, "2")]),
            ("1 +\n", &[(1, "1 +")]),
        ];
        for (src, expected) in cases {
            let got: Vec<(usize, String)> = chunks(src)
                .into_iter()
                .map(|c| (c.line, c.text.lines().next().unwrap_or("").to_string()))
                .collect();
            let want: Vec<(usize, String)> = expected.iter().map(|(l, t)| (*l, t.to_string())).collect();
            assert_eq!(got, want, "script {src:?}");
        }
    }

    /// Lines pushed one at a time, `None` standing for "no more input for now" (`flush`):
    /// the chunks in the order they become runnable, as (line, text).
    /// (lines pushed, `None` for a flush; chunks expected as (line, text)).
    type StreamCase<'a> = (&'a [Option<&'a str>], &'a [(usize, &'a str)]);

    #[test]
    fn streamed_lines_run_as_soon_as_they_are_complete() {
        let cases: &[StreamCase] = &[
            // A complete line waits only for the next line with code.
            (&[Some("1"), Some("2")], &[(1, "1\n"), (2, "2\n")]),
            (&[Some("1"), None, Some("2"), None], &[(1, "1\n"), (2, "2\n")]),
            // A continuation that arrives in time joins the expression.
            (
                &[Some("x"), Some(""), Some("|> f()"), None],
                &[(1, "x\n\n|> f()\n")],
            ),
            // One that arrives after the expression ran pipes its result.
            (
                &[Some("x"), None, Some(""), Some("|> f()"), None],
                &[(1, "x\n"), (2, "v()\n|> f()\n")],
            ),
            // Nothing to run while an expression is open.
            (&[Some("[1,"), None, Some("2]"), None], &[(1, "[1,\n2]\n")]),
        ];
        for (pushes, expected) in cases {
            let mut splitter = Splitter::default();
            let mut got = Vec::new();
            for push in *pushes {
                let chunk = match push {
                    Some(line) => splitter.push(line),
                    None => splitter.flush(),
                };
                got.extend(chunk.map(|c| (c.line, c.text)));
            }
            got.extend(splitter.finish().map(|c| (c.line, c.text)));
            let want: Vec<(usize, String)> = expected.iter().map(|(l, t)| (*l, t.to_string())).collect();
            assert_eq!(got, want, "pushes {pushes:?}");
        }
    }
}
