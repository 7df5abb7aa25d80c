#!/usr/bin/env bash
# Read-only drift check: compares what the CPU plan asks for with what this machine runs, knob by knob.
#   usage: tuning/check.sh [--plan FILE] [--json] [--root DIR]
#   --plan  the CPU plan (default: tuning/cpus.env)
#   --json  print only the one-line JSON summary
#   --root  read /proc, /sys and /etc under DIR instead of / (for tests on a copied or fake tree)
# Prints a table (knob, desired, actual, ok/drift/unknown) and a one-line JSON summary.
# Exit: 0 no drift, 1 drift, 2 bad plan or usage. Missing or unreadable files are "unknown", never errors.
# The knob list and its order are shared with `velox doctor` (src/Velox.Host/Doctor).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/plan.sh
source "$HERE/lib/plan.sh"

usage() { echo "check.sh: $*" >&2; exit 2; }

plan_file="$HERE/cpus.env"
json_only=0
sysroot=""
while (($#)); do
  case $1 in
    --plan) (($# >= 2)) || usage "--plan needs a file"; plan_file=$2; shift 2 ;;
    --root) (($# >= 2)) || usage "--root needs a folder"; sysroot=${2%/}; shift 2 ;;
    --json) json_only=1; shift ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) usage "unknown argument $1" ;;
  esac
done

if ! plan_load "$plan_file"; then
  plan_report_problems "$plan_file"
  exit 2
fi

NAMES=() DESIRED=() ACTUAL=() STATUS=()
row() { NAMES+=("$1") DESIRED+=("$2") ACTUAL+=("$3") STATUS+=("$4"); }

# Contents of a file under the root with whitespace runs collapsed; fails when missing or unreadable.
read_sys() {
  local f="$sysroot$1" text
  [[ -f $f && -r $f ]] || return 1
  text=$(tr -s ' \t\n' '   ' <"$f" 2>/dev/null) || return 1
  text=${text#"${text%%[! ]*}"}
  echo "${text%"${text##*[! ]}"}"
}

# Compares a file's value with the desired one (exact match after trimming).
check_value() {
  local name=$1 path=$2 desired=$3 actual
  if ! actual=$(read_sys "$path"); then
    row "$name" "$desired" "unreadable" unknown
  elif [[ $actual == "$desired" ]]; then
    row "$name" "$desired" "$actual" ok
  else
    row "$name" "$desired" "$actual" drift
  fi
}

# A boot parameter value in canonical form: flags sorted, then the CPU list canonical, if any.
canon_param() {
  local key=$1 value=$2 item list="" canon
  local -a flags=() items=()
  case $key in isolcpus | nohz_full | rcu_nocbs | irqaffinity) ;; *) echo "$value"; return ;; esac
  IFS=',' read -ra items <<<"$value"
  for item in "${items[@]}"; do
    if [[ $item =~ ^[0-9] ]]; then list+="${list:+,}$item"; else flags+=("$item"); fi
  done
  canon=$(cpulist_canon "$list") || canon=$list
  if ((${#flags[@]})); then
    printf '%s,' "$(printf '%s\n' "${flags[@]}" | sort | paste -sd, -)"
  fi
  echo "$canon"
}

check_cmdline() {
  local cmdline token key found t
  local -a params=()
  if ! cmdline=$(read_sys /proc/cmdline); then
    while read -r token; do row "cmdline.${token%%=*}" "$token" "unreadable" unknown; done < <(plan_cmdline_tokens)
    return
  fi
  # Parameters after "--" belong to init, not to the kernel.
  cmdline=${cmdline%% -- *}
  read -ra params <<<"$cmdline"
  while read -r token; do
    key=${token%%=*} found=""
    for t in "${params[@]}"; do
      [[ $t == "$key" || $t == "$key="* ]] && found=$t
    done
    if [[ -z $found ]]; then
      row "cmdline.$key" "$token" "absent" drift
    elif [[ $token != *=* ]]; then
      row "cmdline.$key" "$token" "$found" ok
    elif [[ $(canon_param "$key" "${found#*=}") == "$(canon_param "$key" "${token#*=}")" ]]; then
      row "cmdline.$key" "$token" "$found" ok
    else
      row "cmdline.$key" "$token" "$found" drift
    fi
  done < <(plan_cmdline_tokens)
}

check_cpulist_file() {
  local name=$1 path=$2 desired=$3 actual canon
  if ! actual=$(read_sys "$path"); then
    row "$name" "$desired" "unreadable" unknown
    return
  fi
  [[ $actual == "(null)" ]] && actual=""
  if canon=$(cpulist_canon "$actual") && [[ $canon == "$desired" ]]; then
    row "$name" "$desired" "$actual" ok
  else
    row "$name" "$desired" "${actual:-(empty)}" drift
  fi
}

check_governors() {
  local cpu
  while read -r cpu; do
    check_value "cpu$cpu.governor" "/sys/devices/system/cpu/cpu$cpu/cpufreq/scaling_governor" "${PLAN[GOVERNOR]}"
  done < <(cpulist_expand "$(plan_all_cpus)")
}

check_thp() {
  local text mode
  if ! text=$(read_sys /sys/kernel/mm/transparent_hugepage/enabled); then
    row mm.transparent_hugepage never unreadable unknown
    return
  fi
  mode=$(grep -o '\[[a-z]*\]' <<<"$text" | tr -d '[]') || mode=$text
  if [[ $mode == never ]]; then row mm.transparent_hugepage never "$mode" ok; else row mm.transparent_hugepage never "$mode" drift; fi
}

check_sysctls() {
  local key value
  while read -r key value; do
    check_value "sysctl.$key" "/proc/sys/${key//.//}" "$value"
  done < <(plan_sysctls)
}

check_swap() {
  local f="$sysroot/proc/swaps" devices
  if [[ ! -r $f ]]; then
    row swap none unreadable unknown
    return
  fi
  devices=$(awk 'NR > 1 { printf "%s%s", sep, $1; sep = "," }' "$f")
  if [[ -z $devices ]]; then row swap none none ok; else row swap none "$devices" drift; fi
}

check_default_irq_affinity() {
  local mask list
  if ! mask=$(read_sys /proc/irq/default_smp_affinity) || ! list=$(hexmask_to_cpulist "$mask"); then
    row irq.default_affinity "${PLAN[H]}" unreadable unknown
  elif [[ $list == "${PLAN[H]}" ]]; then
    row irq.default_affinity "${PLAN[H]}" "$list" ok
  else
    row irq.default_affinity "${PLAN[H]}" "$list" drift
  fi
}

# Every IRQ's effective affinity (the CPUs it really fires on) must lie within H.
check_irq_affinity() {
  local dir irq list total=0
  local -a outside=()
  for dir in "$sysroot"/proc/irq/[0-9]*; do
    [[ -d $dir ]] || continue
    irq=${dir##*/}
    list=$(read_sys "/proc/irq/$irq/effective_affinity_list") || list=""
    [[ -n $list ]] || list=$(read_sys "/proc/irq/$irq/smp_affinity_list") || continue
    total=$((total + 1))
    cpulist_subset "$list" "${PLAN[H]}" || outside+=("$irq")
  done
  if ((total == 0)); then
    row irq.affinity "within ${PLAN[H]}" unreadable unknown
  elif ((${#outside[@]} == 0)); then
    row irq.affinity "within ${PLAN[H]}" "all $total within" ok
  else
    row irq.affinity "within ${PLAN[H]}" "${#outside[@]} of $total outside: $(printf '%s\n' "${outside[@]}" | sort -n | head -8 | paste -sd, -)" drift
  fi
}

# irqbalance is fine when stopped, or when its ban list covers I.
check_irqbalance() {
  local desired="stopped or banned ${PLAN[I]}" comm pid="" environ banned="" processes=0
  for comm in "$sysroot"/proc/[0-9]*/comm; do
    [[ -r $comm ]] || continue
    processes=$((processes + 1))
    [[ $(cat "$comm" 2>/dev/null) == irqbalance ]] && { pid=${comm%/comm}; pid=${pid##*/}; break; }
  done
  if ((processes == 0)); then
    row irqbalance "$desired" "no process list" unknown
    return
  fi
  if [[ -z $pid ]]; then
    row irqbalance "$desired" stopped ok
    return
  fi
  if ! environ=$(tr '\0' '\n' <"$sysroot/proc/$pid/environ" 2>/dev/null); then
    row irqbalance "$desired" "running, environment unreadable" unknown
    return
  fi
  banned=$(sed -n 's/^IRQBALANCE_BANNED_CPULIST=//p' <<<"$environ" | tail -1)
  if [[ -z $banned ]]; then
    banned=$(sed -n 's/^IRQBALANCE_BANNED_CPUS=//p' <<<"$environ" | tail -1)
    [[ -n $banned ]] && { banned=$(hexmask_to_cpulist "$banned") || banned=""; }
  fi
  if [[ -n $banned ]] && cpulist_subset "${PLAN[I]}" "$banned"; then
    row irqbalance "$desired" "running, banned $banned" ok
  else
    row irqbalance "$desired" "running, banned ${banned:-nothing}" drift
  fi
}

check_invariant_tsc() {
  local f="$sysroot/proc/cpuinfo" flags have=()
  if [[ ! -r $f ]] || ! flags=$(grep -m1 '^flags' "$f"); then
    row cpu.invariant_tsc "constant_tsc,nonstop_tsc" unreadable unknown
    return
  fi
  [[ " $flags " == *" constant_tsc "* ]] && have+=(constant_tsc)
  [[ " $flags " == *" nonstop_tsc "* ]] && have+=(nonstop_tsc)
  local actual
  actual=$(IFS=,; echo "${have[*]}")
  if ((${#have[@]} == 2)); then row cpu.invariant_tsc "constant_tsc,nonstop_tsc" "$actual" ok; else row cpu.invariant_tsc "constant_tsc,nonstop_tsc" "${actual:-neither}" drift; fi
}

check_cmdline
plan_has_isolcpus && check_cpulist_file cpu.isolated /sys/devices/system/cpu/isolated "${PLAN[I]}"
plan_has_nohz && check_cpulist_file cpu.nohz_full /sys/devices/system/cpu/nohz_full "${PLAN[I]}"
check_governors
check_thp
check_sysctls
check_swap
check_default_irq_affinity
check_irq_affinity
check_irqbalance
check_value clocksource /sys/devices/system/clocksource/clocksource0/current_clocksource tsc
check_invariant_tsc
[[ ${PLAN[SMT]} == off ]] && check_value cpu.smt_active /sys/devices/system/cpu/smt/active 0
check_value idle.intel_idle.max_cstate /sys/module/intel_idle/parameters/max_cstate "${PLAN[INTEL_IDLE_MAX_CSTATE]}"
check_value idle.processor.max_cstate /sys/module/processor/parameters/max_cstate "${PLAN[PROCESSOR_MAX_CSTATE]}"

ok=0 drift=0 unknown=0 drifted=""
for i in "${!NAMES[@]}"; do
  case ${STATUS[i]} in
    ok) ok=$((ok + 1)) ;;
    drift) drift=$((drift + 1)); drifted+="${drifted:+,}\"${NAMES[i]}\"" ;;
    *) unknown=$((unknown + 1)) ;;
  esac
done

if ((!json_only)); then
  printf '%-34s %-36s %-36s %s\n' knob desired actual status
  for i in "${!NAMES[@]}"; do
    printf '%-34s %-36s %-36s %s\n' "${NAMES[i]}" "${DESIRED[i]}" "${ACTUAL[i]}" "${STATUS[i]}"
  done
fi
printf '{"ok":%d,"drift":%d,"unknown":%d,"total":%d,"drifted":[%s]}\n' "$ok" "$drift" "$unknown" "${#NAMES[@]}" "$drifted"
((drift == 0))
