//! Script mode: input from a pipe, a file or `-e`, split into complete expressions and run
//! one after the other without prompts.
//!
//! A chunk ends when it parses (or fails for a reason more input cannot fix), unless the next
//! non-blank line starts with a binary operator such as `|>`: then the expression continues,
//! as in an Elixir file.

/// One complete input and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub text: String,
    pub line: usize,
}

/// Splits a script into chunks; `#iex:break` alone on a line abandons the chunk being built.
pub fn chunks(src: &str) -> Vec<Chunk> {
    let lines: Vec<&str> = src.lines().collect();
    let mut chunks = Vec::new();
    let mut buffer = String::new();
    let mut start = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "#iex:break" {
            buffer.clear();
            i += 1;
            continue;
        }
        if buffer.is_empty() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                i += 1;
                continue;
            }
            start = i;
        }
        buffer.push_str(line);
        buffer.push('\n');
        i += 1;
        if crate::syntax::is_incomplete(&buffer) {
            continue;
        }
        // Complete: unless the next meaningful line continues a pipeline.
        let next = lines[i..]
            .iter()
            .position(|l| !(l.trim().is_empty() || l.trim_start().starts_with('#')));
        if let Some(offset) = next
            && crate::syntax::continues_previous(lines[i + offset])
        {
            for skipped in &lines[i..i + offset] {
                if skipped.trim_start().starts_with('#') {
                    buffer.push('\n');
                } else {
                    buffer.push_str(skipped);
                    buffer.push('\n');
                }
            }
            i += offset;
            continue;
        }
        chunks.push(Chunk {
            text: std::mem::take(&mut buffer),
            line: start + 1,
        });
    }
    if !buffer.trim().is_empty() {
        chunks.push(Chunk {
            text: buffer,
            line: start + 1,
        });
    }
    chunks
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
}
