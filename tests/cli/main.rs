//! The one integration-test binary: every command against real Redis 7.0 and Valkey 9 servers,
//! one module per area, all sharing `tests/support`. Scenarios that matter on both servers are
//! written once (in their area) and instantiated per server below.

mod day2;
mod errors;
mod kubernetes;
mod lifecycle;
mod moves;
mod output;
mod project;
mod sentinel;
#[path = "../support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

use std::time::{Duration, Instant};

use day2::*;
use errors::*;
use kubernetes::*;
use lifecycle::*;
use moves::*;
use output::*;
use sentinel::*;
use support::{Sandbox, Server, assert_all_keys, cluster_digest, cluster_shape, eventually, query, run_in, write_keys};

macro_rules! on_both_servers {
    ($($scenario:ident),* $(,)?) => {
        mod redis7 {
            $(#[test] fn $scenario() { super::$scenario(super::Server::Redis) })*
        }
        mod valkey9 {
            $(#[test] fn $scenario() { super::$scenario(super::Server::Valkey) })*
        }
    };
}

on_both_servers!(
    create_forms_a_healthy_three_by_one_cluster,
    a_source_failing_over_with_an_open_slot_stops_the_move_and_fix_finishes_it_from_the_new_master,
    add_node_and_del_node_keep_every_key,
    refusals_leave_the_cluster_unchanged,
    check_reports_an_open_slot_with_its_keys,
    reshard_and_rebalance_move_exactly_what_was_planned_and_keep_every_key,
    scale_up_then_down_moves_only_the_new_or_dropped_shards_slots,
    a_statefulset_is_created_and_scaled_through_the_kubernetes_api_and_port_forward,
    acknowledged_writes_survive_every_change_under_live_traffic,
    a_sentinel_group_is_formed_shown_and_failed_over_under_live_writes_without_losing_an_acknowledged_write,
    stale_entries_of_a_replica_and_of_a_sentinel_that_came_back_under_new_addresses_are_found_and_cleared,
    a_second_master_holding_data_is_demoted_only_when_named_and_split_sentinels_need_a_named_master,
    a_wrong_auth_pass_and_drifted_settings_are_repaired_and_a_stopped_sentinel_does_not_stall_status,
    a_sentinel_group_scales_from_3_to_5_and_back_with_its_master_among_the_leaving_under_live_writes,
    a_bitnami_sentinel_statefulset_is_checked_failed_over_and_scaled_through_port_forward,
    sentinels_in_a_deployment_of_their_own_are_found_through_its_selector_and_port_forward,
    add_node_joins_a_member_as_a_replica_and_a_sentinel_to_a_group_given_by_address,
    priorities_a_killed_switchover_steered_are_restored_by_the_next_changing_run,
    a_group_that_announces_per_pod_service_cluster_ips_is_shown_by_pod_and_failed_over_by_those_addresses,
    a_sentinel_statefulset_is_formed_and_joined_pod_by_pod_through_the_kubernetes_api,
    call_runs_one_command_on_every_node_and_changes_need_yes,
    cli_starts_on_a_keys_master_or_its_replica_follows_moved_and_reads_piped_commands,
    a_shard_fails_over_by_name_a_dead_master_only_by_force_and_drain_node_empties_a_host_of_masters,
    a_rolling_restart_under_live_writes_loses_none_and_fails_under_a_hundredth_of_a_kubectl_style_restart,
);
