//! Progress of slot moves: bars on a terminal (one per move and one overall, with rate and ETA),
//! a plain line every few seconds without one, and JSON lines with `-o json`.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use crate::executor::mover::{Event, Reporter};

/// How often the plain display prints.
const PLAIN_EVERY: Duration = Duration::from_secs(3);

enum Display {
    Silent,
    Events(crate::output::Reporter),
    Bars { multi: MultiProgress, overall: ProgressBar, moves: HashMap<(String, String), ProgressBar> },
    Plain { last: Instant },
}

struct State {
    display: Display,
    total_slots: usize,
    /// Slots and keys done per move, so totals survive concurrent updates.
    done: HashMap<(String, String), (usize, u64)>,
    started: Instant,
}

impl State {
    fn totals(&self) -> (usize, u64) {
        self.done.values().fold((0, 0), |(s, k), (ds, dk)| (s + ds, k + dk))
    }

    fn on(&mut self, event: &Event) {
        let key = |s: &String, t: &String| (s.clone(), t.clone());
        match event {
            Event::MoveStarted { source, target, .. } => {
                self.done.entry(key(source, target)).or_default();
            }
            Event::Progress { source, target, slots_done, keys_moved }
            | Event::MoveFinished { source, target, slots_done, keys_moved } => {
                self.done.insert(key(source, target), (*slots_done, *keys_moved));
            }
        }
        let (slots, keys) = self.totals();
        let elapsed = self.started.elapsed().as_secs_f64().max(0.001);
        match &mut self.display {
            Display::Silent => {}
            Display::Events(out) => out.event(event),
            Display::Bars { multi, overall, moves } => {
                overall.set_position(slots as u64);
                overall.set_message(format!("{keys} keys, {:.0} keys/s", keys as f64 / elapsed));
                match event {
                    Event::MoveStarted { source, target, slots } => {
                        let bar = multi.insert_before(overall, ProgressBar::new(*slots as u64));
                        bar.set_style(style("{prefix} [{bar:30}] {pos}/{len} slots {msg}"));
                        bar.set_prefix(format!("{source} → {target}"));
                        moves.insert(key(source, target), bar);
                    }
                    Event::Progress { source, target, slots_done, keys_moved } => {
                        if let Some(bar) = moves.get(&key(source, target)) {
                            bar.set_position(*slots_done as u64);
                            bar.set_message(format!("{keys_moved} keys"));
                        }
                    }
                    Event::MoveFinished { source, target, keys_moved, .. } => {
                        if let Some(bar) = moves.get(&key(source, target)) {
                            bar.finish_with_message(format!("{keys_moved} keys, done"));
                        }
                    }
                }
            }
            Display::Plain { last } => {
                let finished = matches!(event, Event::MoveFinished { .. });
                if finished || last.elapsed() >= PLAIN_EVERY {
                    *last = Instant::now();
                    eprintln!("moved {slots}/{} slots, {keys} keys ({:.0} keys/s)", self.total_slots, keys as f64 / elapsed);
                }
            }
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ")
}

/// Where progress goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bars on a terminal, else a plain line every few seconds (stderr).
    Human,
    /// One document per event on stdout (a JSON line, or YAML).
    Events(crate::output::Reporter),
    /// Nothing: the command prints one JSON document at the end.
    Silent,
}

/// A reporter for `total_slots` slots in the given mode, and a handle to close it.
pub fn reporter(mode: Mode, total_slots: usize) -> (Reporter, Finish) {
    let display = if mode == Mode::Silent {
        Display::Silent
    } else if let Mode::Events(out) = mode {
        Display::Events(out)
    } else if std::io::stderr().is_terminal() {
        let multi = MultiProgress::new();
        let overall = multi.add(ProgressBar::new(total_slots as u64));
        overall.set_style(style("overall [{bar:30}] {pos}/{len} slots {msg} (ETA {eta})"));
        Display::Bars { multi, overall, moves: HashMap::new() }
    } else {
        Display::Plain { last: Instant::now() }
    };
    let state = Arc::new(Mutex::new(State { display, total_slots, done: HashMap::new(), started: Instant::now() }));
    let for_events = state.clone();
    let report: Reporter = Arc::new(move |event| {
        if let Ok(mut state) = for_events.lock() {
            state.on(&event);
        }
    });
    (report, Finish(state))
}

/// Closes the display (bars are cleared from the terminal's live area).
pub struct Finish(Arc<Mutex<State>>);

impl Finish {
    pub fn close(self) {
        if let Ok(state) = self.0.lock()
            && let Display::Bars { overall, .. } = &state.display
        {
            overall.finish();
        }
    }
}
