//! Cutting a list of event files into batches: JSON Lines files are read a chunk of lines
//! at a time, other files are grouped a few hundred to a batch.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use faultline_dataset::{FileFormat, FileRole, LineChunks, LoadOptions, files::display_name};

use super::Batch;

/// How many lines of a JSON Lines file, at most, go into one batch.
pub const LINES_PER_BATCH: usize = 1024;
/// How many bytes of a JSON Lines file, at most, go into one batch (whole lines).
pub const BYTES_PER_BATCH: usize = 1 << 20;
/// How many TOML or JSON files go into one batch.
pub const FILES_PER_BATCH: usize = 256;

/// The batches of `files`, read lazily: a JSON Lines file is opened only when its turn comes.
/// Files that are not regular files, or JSON Lines files over the size limit, go into a
/// batch of their own so that the loader reports them.
pub fn plan(
    files: Vec<(PathBuf, FileRole)>,
    options: &LoadOptions,
) -> impl Iterator<Item = Batch> + Send {
    plan_with(
        files,
        options,
        LINES_PER_BATCH,
        FILES_PER_BATCH,
        options.names_relative_to.clone(),
    )
}

/// [`plan`] with explicit batch sizes (tests use tiny ones).
pub fn plan_with(
    files: Vec<(PathBuf, FileRole)>,
    options: &LoadOptions,
    lines_per_batch: usize,
    files_per_batch: usize,
    relative_to: Option<PathBuf>,
) -> impl Iterator<Item = Batch> + Send {
    let limit = options.max_lines_file_bytes;
    let mut groups: Vec<Vec<(PathBuf, FileRole)>> = Vec::new();
    let mut streams: Vec<(usize, PathBuf, FileRole)> = Vec::new();
    let mut current = Vec::new();
    for (path, role) in files {
        let streamable = FileFormat::from_path(&path) == Some(FileFormat::JsonLines)
            && std::fs::metadata(&path)
                .is_ok_and(|m| m.is_file() && m.len() > 0 && m.len() <= limit);
        if streamable {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
            streams.push((groups.len(), path, role));
            groups.push(Vec::new());
        } else {
            current.push((path, role));
            if current.len() >= files_per_batch.max(1) {
                groups.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let mut streams = streams.into_iter().peekable();
    groups.into_iter().enumerate().flat_map(move |(i, group)| {
        let stream = match streams.peek() {
            Some((at, _, _)) if *at == i => streams.next(),
            _ => None,
        };
        let batches: Box<dyn Iterator<Item = Batch> + Send> = match stream {
            Some((_, path, role)) => {
                Box::new(lines(path, role, lines_per_batch, relative_to.clone()))
            }
            None => Box::new(std::iter::once(Batch::Files(group))),
        };
        batches
    })
}

fn lines(
    path: PathBuf,
    role: FileRole,
    lines_per_batch: usize,
    relative_to: Option<PathBuf>,
) -> impl Iterator<Item = Batch> + Send {
    let name = match &relative_to {
        Some(base) => path.strip_prefix(base).map_or_else(
            |_| display_name(&path),
            |rel| rel.to_string_lossy().replace('\\', "/"),
        ),
        None => display_name(&path),
    };
    let reader = File::open(&path).map(|f| {
        LineChunks::new(
            BufReader::with_capacity(1 << 20, f),
            lines_per_batch,
            BYTES_PER_BATCH,
        )
    });
    let mut chunks = match reader {
        Ok(c) => Some(c),
        Err(e) => {
            let batch = Batch::Unreadable {
                path: path.clone(),
                name: name.clone(),
                role,
                message: e.to_string(),
            };
            return Box::new(std::iter::once(batch)) as Box<dyn Iterator<Item = Batch> + Send>;
        }
    };
    Box::new(std::iter::from_fn(move || {
        let c = chunks.as_mut()?;
        match c.next()? {
            Ok(chunk) => Some(Batch::Lines {
                path: path.clone(),
                name: name.clone(),
                chunk,
            }),
            Err(e) => {
                chunks = None;
                Some(Batch::Unreadable {
                    path: path.clone(),
                    name: name.clone(),
                    role,
                    message: e.to_string(),
                })
            }
        }
    }))
}
