//! How hard a slot move presses on its nodes, so that an operator can choose what clients feel.
//!
//! A move works in *trips*: one round trip to the source that moves some units (keys with
//! MIGRATE, slots with an atomic job) and keeps the source — and the target, which restores what
//! the source sends — busy for the whole trip. A [`Pacer`] decides how much one trip carries and
//! how long the nodes are then left alone:
//! - `fast`: no limit and no pause; moves finish soonest and clients wait behind every trip.
//! - `gentle`: a trip is sized (from the measured time per unit, first guessed from the key size)
//!   to keep the nodes busy about 5 ms, and is followed by a pause one and a half times as long.
//!
//! Whenever trips are limited, the moves of one run take turns (a trip and its pause hold the
//! turn), so that parallel moves do not add up on a shared target or on the CPU: the nodes are
//! idle at least as long as the pause ratio says, and clients keep that share of their time.
//! - `auto`: steers by what clients get. A probe counts the client commands the move's nodes
//!   serve (`INFO commandstats`, every 100 ms) and PINGs them every 10 ms; before the first trip
//!   it takes the clients' rate as a baseline. With no clients it runs like `fast`. With clients
//!   it starts at `gentle`, backs off (gentler than `gentle` if need be) while they get less than
//!   82 % of their baseline rate (counts smoothed) or a PING takes more than 25 ms longer than
//!   before, and steps faster (at most every 300 ms) while they get more than 90 % and PINGs are
//!   quick. A
//!   closed-loop client soon waits on a busy node, so clients keep about the share of the time
//!   the nodes are left alone: the levels between `gentle` and the gentlest leave them 69–80 %.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tokio::task::JoinHandle;

use crate::redis::conn::NodeConn;
use crate::redis::info::client_calls;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Fast,
    Gentle,
    Auto,
}

impl Pace {
    pub fn name(self) -> &'static str {
        match self {
            Pace::Fast => "fast",
            Pace::Gentle => "gentle",
            Pace::Auto => "auto",
        }
    }
}

/// What one trip may cost: a busy-time budget (none: unlimited) and the pause that follows it,
/// as a share of the time the trip took.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Level {
    budget: Option<Duration>,
    pause_ratio: f64,
}

/// From `fast` (first) over `gentle` to what `auto` falls back to when even `gentle` costs
/// clients too much (last); `auto` moves along them.
const LEVELS: [Level; 8] = [
    Level { budget: None, pause_ratio: 0.0 },
    Level { budget: Some(Duration::from_millis(20)), pause_ratio: 0.25 },
    Level { budget: Some(Duration::from_millis(10)), pause_ratio: 0.5 },
    Level { budget: Some(Duration::from_millis(5)), pause_ratio: 0.75 },
    Level { budget: Some(Duration::from_millis(5)), pause_ratio: 1.5 },
    Level { budget: Some(Duration::from_millis(5)), pause_ratio: 2.25 },
    Level { budget: Some(Duration::from_millis(5)), pause_ratio: 3.0 },
    Level { budget: Some(Duration::from_millis(4)), pause_ratio: 4.0 },
];
const GENTLE: usize = 4;
const GENTLEST: usize = LEVELS.len() - 1;

/// How far above its baseline the probe's round trip may rise before `auto` backs off (clients
/// are measured by their own rate; this catches a move that stalls them outright).
const LATENCY_MARGIN: Duration = Duration::from_millis(25);
/// `auto` backs off while clients get less than this share of their baseline rate, and steps
/// faster while they get more than `CLIENT_SHARE_RECOVERED`.
const CLIENT_SHARE_WANTED: f64 = 0.82;
const CLIENT_SHARE_RECOVERED: f64 = 0.9;
/// `auto` steps back towards `fast` at most this often (it backs off at every new count).
const RECOVERY_STEP: Duration = Duration::from_millis(300);
/// Client commands per second below which the move's nodes count as idle.
const IDLE_CLIENT_RATE: f64 = 20.0;
/// The probe PINGs this often (a client waiting behind a trip of a few milliseconds must show)
/// and counts client commands every `RATE_EVERY` PINGs.
const PROBE_INTERVAL: Duration = Duration::from_millis(10);
const RATE_EVERY: u32 = 10;
/// How many counts the clients' baseline rate is the mean of, and how long the first trip may
/// wait for it.
const BASELINE_COUNTS: u32 = 3;
const BASELINE_WITHIN: Duration = Duration::from_millis(600);
/// A first guess of MIGRATE's cost: a fixed part per key plus one per byte (about 50 MB/s).
const GUESS_PER_KEY: Duration = Duration::from_micros(5);
const GUESS_PER_BYTE_NANOS: u64 = 20;

/// The turn the paced moves of one run take for each trip.
#[derive(Clone, Default)]
pub struct Turns(Arc<AsyncMutex<()>>);

/// Paces one move.
pub struct Pacer {
    pace: Pace,
    level: usize,
    /// Busy time per unit, as measured on the trips so far.
    per_unit: Duration,
    /// Units found per slot so far, to know how many slots one trip's fetch should ask about.
    units_per_slot: f64,
    last_recovery: Instant,
    probe: Option<Probe>,
    turns: Turns,
    /// The clients' share of their baseline rate, smoothed over the counts so far (`auto`).
    share: Option<f64>,
}

impl Pacer {
    /// `unit_bytes` is the average size of a unit (a key's value), from the source's INFO.
    pub fn new(pace: Pace, unit_bytes: u64, probe: Option<Probe>, turns: Turns) -> Pacer {
        let level = if pace == Pace::Gentle { GENTLE } else { 0 };
        let per_unit = GUESS_PER_KEY + Duration::from_nanos(unit_bytes.saturating_mul(GUESS_PER_BYTE_NANOS));
        Pacer { pace, level, per_unit, units_per_slot: 1.0, last_recovery: Instant::now(), probe, turns, share: None }
    }

    /// For atomic jobs, whose unit is a slot: the first guess is one slot per millisecond.
    pub fn for_slots(pace: Pace, probe: Option<Probe>, turns: Turns) -> Pacer {
        Pacer { per_unit: Duration::from_millis(1), ..Pacer::new(pace, 0, probe, turns) }
    }

    /// Before the move's first trip: `auto` learns the clients' baseline rate and starts at
    /// `gentle` when there are clients, else at `fast`.
    pub async fn begin(&mut self) {
        if let (Pace::Auto, Some(probe)) = (self.pace, &self.probe) {
            let busy = probe.baseline_rate(BASELINE_WITHIN).await.is_none_or(|rate| rate >= IDLE_CLIENT_RATE);
            self.level = if busy { GENTLE } else { 0 };
            self.last_recovery = Instant::now();
        }
    }

    /// Waits for this move's turn when trips are limited; hold it through the trip and `after_trip`.
    pub async fn turn(&self) -> Option<OwnedMutexGuard<()>> {
        LEVELS[self.level].budget?;
        Some(self.turns.0.clone().lock_owned().await)
    }

    /// How many units one trip may carry now (`None`: no limit).
    pub fn units_per_trip(&self) -> Option<usize> {
        let budget = LEVELS[self.level].budget?;
        let units = budget.as_secs_f64() / self.per_unit.as_secs_f64().max(1e-9);
        Some((units as usize).max(1))
    }

    /// How many of `pending` slots one fetch should list keys of, so that it returns about a trip.
    pub fn slots_per_fetch(&self, pending: usize) -> usize {
        match self.units_per_trip() {
            None => pending,
            Some(units) => ((units as f64 / self.units_per_slot.max(1.0)).ceil() as usize).clamp(1, pending.max(1)),
        }
    }

    /// Learns how many keys the slots of a fetch held (a fetch that was cut off counts as full).
    pub fn observe_fetch(&mut self, units: usize, slots: usize) {
        if slots > 0 {
            self.units_per_slot = 0.5 * self.units_per_slot + 0.5 * (units as f64 / slots as f64);
        }
    }

    /// After a trip: learns its cost, adjusts the level (`auto`), and pauses as the level says.
    pub async fn after_trip(&mut self, units: usize, busy: Duration) {
        if units > 0 {
            let measured = busy / units as u32;
            self.per_unit = (self.per_unit + measured) / 2;
        }
        if self.pace == Pace::Auto {
            self.adjust();
        }
        let pause = busy.mul_f64(LEVELS[self.level].pause_ratio);
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }

    fn adjust(&mut self) {
        let Some(probe) = &self.probe else { return };
        let mut reading = probe.take_reading();
        // One count stands for 100 ms of a closed-loop client's luck: smoothed, it says more.
        if let Some(share) = reading.share() {
            let smoothed = self.share.map_or(share, |before| 0.5 * before + 0.5 * share);
            self.share = Some(smoothed);
            reading.client_rate = reading.baseline_rate.map(|b| b * smoothed);
        }
        let next = next_level(self.level, &reading, self.last_recovery.elapsed() >= RECOVERY_STEP);
        if next != self.level {
            self.last_recovery = Instant::now();
        }
        self.level = next;
    }
}

/// What the probe saw since it was last read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The longest probe round trip minus the baseline (`None`: no sample yet).
    pub excess: Option<Duration>,
    /// Client commands per second on the probed nodes together, when counted since the last
    /// reading (`None`: no new count).
    pub client_rate: Option<f64>,
    /// Their rate before the move's first trip.
    pub baseline_rate: Option<f64>,
    /// A probe call failed or timed out: as bad as latency gets.
    pub failed: bool,
}

impl Reading {
    /// The clients' rate as a share of their baseline, when both are known and there are clients.
    fn share(&self) -> Option<f64> {
        self.client_rate.zip(self.baseline_rate.filter(|b| *b >= IDLE_CLIENT_RATE)).map(|(now, before)| now / before)
    }
}

/// `auto`'s rule, applied after each trip to what the probe saw since the last: straight to
/// fast while no client sends commands; else back off one level when clients got less than the
/// wanted share of their baseline rate, or PINGs were slow; step back towards fast (at most once
/// per `RECOVERY_STEP`) when they got more than the recovered share and PINGs were quick. Until
/// clients are counted, they are assumed.
fn next_level(level: usize, reading: &Reading, may_recover: bool) -> usize {
    if reading.client_rate.is_some_and(|rate| rate < IDLE_CLIENT_RATE) && !reading.failed {
        return 0;
    }
    let share = reading.share();
    let too_hard =
        reading.failed || reading.excess.is_some_and(|e| e > LATENCY_MARGIN) || share.is_some_and(|s| s < CLIENT_SHARE_WANTED);
    let kind = reading.excess.is_some_and(|e| e < LATENCY_MARGIN / 2) && share.is_some_and(|s| s > CLIENT_SHARE_RECOVERED);
    if too_hard {
        (level + 1).min(GENTLEST)
    } else if kind && may_recover {
        level.saturating_sub(1)
    } else {
        level
    }
}

/// A background task measuring PING round trips on the move's nodes, over connections of its
/// own, and how many client commands they serve. Stops when dropped.
pub struct Probe {
    reading: Arc<Mutex<ProbeState>>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct ProbeState {
    baseline: Option<Duration>,
    /// The first counts, before the move's first trip: their mean is the baseline rate.
    first_rates: Vec<f64>,
    reading: Reading,
}

impl Probe {
    pub fn start(conns: Vec<NodeConn>) -> Probe {
        let reading = Arc::new(Mutex::new(ProbeState::default()));
        let task = tokio::spawn(probe_loop(conns, reading.clone()));
        Probe { reading, task }
    }

    fn take_reading(&self) -> Reading {
        let mut state = self.reading.lock().unwrap_or_else(|e| e.into_inner());
        let reading = state.reading.clone();
        // A count is acted on once: it stands for the 100 ms it was taken over, not every trip since.
        (state.reading.excess, state.reading.client_rate, state.reading.failed) = (None, None, false);
        reading
    }

    /// The clients' rate before the move started, once counted (at most `within`).
    async fn baseline_rate(&self, within: Duration) -> Option<f64> {
        let deadline = Instant::now() + within;
        loop {
            let rate = self.reading.lock().unwrap_or_else(|e| e.into_inner()).reading.baseline_rate;
            if rate.is_some() || Instant::now() >= deadline {
                return rate;
            }
            tokio::time::sleep(PROBE_INTERVAL).await;
        }
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn probe_loop(mut conns: Vec<NodeConn>, state: Arc<Mutex<ProbeState>>) {
    let mut last: Vec<Option<(u64, Instant)>> = vec![None; conns.len()];
    let mut round: u32 = 0;
    loop {
        let mut worst: Option<Duration> = None;
        let mut failed = false;
        for conn in conns.iter_mut() {
            let started = Instant::now();
            match conn.call::<String>(&redis::cmd("PING")).await {
                Ok(_) => worst = worst.max(Some(started.elapsed())),
                Err(_) => failed = true,
            }
        }
        let rate = if round.is_multiple_of(RATE_EVERY) { client_rate(&mut conns, &mut last).await } else { None };
        round += 1;
        {
            let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
            // The first PINGs, sent before the first trip, set the baseline.
            if let Some(rtt) = worst.filter(|_| round <= 3) {
                s.baseline = Some(s.baseline.map_or(rtt, |b| b.min(rtt)));
            }
            if let Some(rtt) = worst {
                let excess = rtt.saturating_sub(s.baseline.unwrap_or_default());
                s.reading.excess = s.reading.excess.max(Some(excess));
            }
            s.reading.failed |= failed;
            if let Some(rate) = rate {
                s.reading.client_rate = Some(rate);
                // The first counts, taken before the first trip (the pacer waits for them).
                if s.first_rates.len() < BASELINE_COUNTS as usize {
                    s.first_rates.push(rate);
                    if s.first_rates.len() == BASELINE_COUNTS as usize {
                        s.reading.baseline_rate = Some(s.first_rates.iter().sum::<f64>() / f64::from(BASELINE_COUNTS));
                    }
                }
            }
        }
        tokio::time::sleep(PROBE_INTERVAL).await;
    }
}

/// Client commands per second since the last call, on the probed nodes together (`None` on the
/// first call).
async fn client_rate(conns: &mut [NodeConn], last: &mut [Option<(u64, Instant)>]) -> Option<f64> {
    let mut total: Option<f64> = None;
    for (conn, last) in conns.iter_mut().zip(last.iter_mut()) {
        let Ok(text) = conn.call::<String>(redis::cmd("INFO").arg("commandstats")).await else { continue };
        let (calls, now) = (client_calls(&text), Instant::now());
        if let Some((before, then)) = last.replace((calls, now)) {
            let rate = calls.saturating_sub(before) as f64 / (now - then).as_secs_f64().max(1e-3);
            total = Some(total.unwrap_or(0.0) + rate);
        }
    }
    total
}

/// Splits `items` (each with a unit count) into trips of at most `limit` units; an item larger
/// than the limit is split by `split` into pieces of at most `limit` units.
pub fn into_trips<T>(
    items: Vec<T>,
    limit: Option<usize>,
    units: impl Fn(&T) -> usize,
    split: impl Fn(T, usize) -> Vec<T>,
) -> Vec<Vec<T>> {
    let Some(limit) = limit else { return vec![items] };
    let mut trips: Vec<Vec<T>> = Vec::new();
    let mut current: Vec<T> = Vec::new();
    let mut filled = 0;
    for piece in items.into_iter().flat_map(|item| if units(&item) > limit { split(item, limit) } else { vec![item] }) {
        let size = units(&piece);
        if !current.is_empty() && filled + size > limit {
            trips.push(std::mem::take(&mut current));
            filled = 0;
        }
        filled += size;
        current.push(piece);
    }
    if !current.is_empty() {
        trips.push(current);
    }
    trips
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(excess_ms: Option<u64>, client_rate: f64) -> Reading {
        Reading {
            excess: excess_ms.map(Duration::from_millis),
            client_rate: Some(client_rate),
            baseline_rate: Some(500.0),
            failed: false,
        }
    }

    #[test]
    fn fast_has_no_limit_and_gentle_sizes_trips_from_the_key_size() {
        assert_eq!(Pacer::new(Pace::Fast, 100, None, Turns::default()).units_per_trip(), None);
        let small = Pacer::new(Pace::Gentle, 100, None, Turns::default()).units_per_trip().unwrap();
        let large = Pacer::new(Pace::Gentle, 100_000, None, Turns::default()).units_per_trip().unwrap();
        assert!(small > 100 * large, "100-byte keys: {small} per trip; 100 kB keys: {large}");
        assert_eq!(large, 2, "5 ms at 50 MB/s is two 100 kB keys");
    }

    #[tokio::test]
    async fn gentle_learns_the_cost_of_a_unit_and_pauses_longer_than_it_worked() {
        let mut pacer = Pacer::new(Pace::Gentle, 100, None, Turns::default());
        let started = Instant::now();
        pacer.after_trip(100, Duration::from_millis(20)).await;
        assert!(started.elapsed() >= Duration::from_millis(30), "a gentle trip is followed by a longer pause");
        let per_trip = pacer.units_per_trip().unwrap();
        assert!(per_trip < 100, "a trip of 100 keys took 20 ms, so 5 ms carries fewer: {per_trip}");
    }

    #[test]
    fn auto_backs_off_while_clients_get_less_than_they_had_and_speeds_up_while_they_get_it_all() {
        // 500 commands/s before the move; 350 now is 70 %: back off, past gentle if need be.
        assert_eq!(next_level(GENTLE, &reading(Some(1), 350.0), false), GENTLE + 1);
        assert_eq!(next_level(GENTLEST, &reading(Some(1), 350.0), true), GENTLEST);
        // 430 (86 %): hold; 470 (94 %) with quick PINGs: one step faster, at most every 300 ms.
        assert_eq!(next_level(GENTLE, &reading(Some(1), 430.0), true), GENTLE);
        assert_eq!(next_level(GENTLE, &reading(Some(1), 470.0), false), GENTLE);
        assert_eq!(next_level(GENTLE, &reading(Some(1), 470.0), true), GENTLE - 1);
        // No count since the last trip: the rate says nothing new.
        let stale = Reading { client_rate: None, ..reading(Some(1), 0.0) };
        assert_eq!(next_level(GENTLE, &stale, true), GENTLE);
    }

    #[test]
    fn auto_backs_off_under_client_latency_and_recovers_slowly() {
        assert_eq!(next_level(0, &reading(Some(30), 500.0), false), 1);
        assert_eq!(next_level(GENTLEST, &reading(Some(30), 500.0), true), GENTLEST);
        assert_eq!(next_level(3, &reading(Some(2), 500.0), false), 3, "recovery waits its turn");
        assert_eq!(next_level(3, &reading(Some(2), 500.0), true), 2);
        assert_eq!(next_level(3, &reading(Some(15), 500.0), true), 3, "between the marks nothing changes");
        assert_eq!(next_level(3, &reading(Some(30), 0.0), false), 0, "no clients: nothing to protect");
        let failed = Reading { failed: true, ..Reading::default() };
        assert_eq!(next_level(1, &failed, true), 2, "a probe that gets no answer is the worst latency");
        let uncounted = Reading { excess: Some(Duration::from_millis(30)), ..Reading::default() };
        assert_eq!(next_level(1, &uncounted, true), 2, "until clients are counted, they are assumed");
    }

    #[test]
    fn trips_hold_at_most_the_limit_and_split_what_is_larger() {
        let split = |n: usize, limit: usize| -> Vec<usize> { (0..n.div_ceil(limit)).map(|i| limit.min(n - i * limit)).collect() };
        assert_eq!(into_trips(vec![3, 4, 10], None, |n| *n, split), vec![vec![3, 4, 10]]);
        assert_eq!(into_trips(vec![3, 4, 10], Some(5), |n| *n, split), vec![vec![3], vec![4], vec![5], vec![5]]);
        assert_eq!(into_trips(vec![2, 2, 2, 7], Some(6), |n| *n, split), vec![vec![2, 2, 2], vec![6], vec![1]]);
    }

    #[test]
    fn slots_per_fetch_follows_the_keys_found_per_slot() {
        let mut pacer = Pacer::new(Pace::Gentle, 100, None, Turns::default());
        let trip = pacer.units_per_trip().unwrap();
        pacer.observe_fetch(trip * 4, 4);
        pacer.observe_fetch(trip * 4, 4);
        assert!(pacer.slots_per_fetch(64) <= 2);
        assert_eq!(Pacer::new(Pace::Fast, 100, None, Turns::default()).slots_per_fetch(64), 64);
    }
}
