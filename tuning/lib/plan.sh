# shellcheck shell=bash
# Velox CPU plan: parsing, validation and CPU-list arithmetic shared by generate.sh and check.sh.
# The C# twin is src/Velox.Host/Doctor/CpuPlanFile.cs; problem codes and knob names must match.

# Prints the CPUs of a list such as "0-1,4" one per line, sorted and unique; fails when malformed.
cpulist_expand() {
  local text=$1 part lo hi cpu
  local -a parts=() cpus=()
  [[ -z $text ]] && return 0
  [[ $text == *, ]] && return 1
  IFS=',' read -ra parts <<<"$text"
  for part in "${parts[@]}"; do
    if [[ $part =~ ^([0-9]{1,4})-([0-9]{1,4})$ ]]; then
      lo=$((10#${BASH_REMATCH[1]})) hi=$((10#${BASH_REMATCH[2]}))
    elif [[ $part =~ ^[0-9]{1,4}$ ]]; then
      lo=$((10#$part)) hi=$lo
    else
      return 1
    fi
    ((lo <= hi)) || return 1
    for ((cpu = lo; cpu <= hi; cpu++)); do cpus+=("$cpu"); done
  done
  printf '%s\n' "${cpus[@]}" | sort -n -u
}

# Reads sorted CPU numbers on stdin and prints the canonical list ("0-1,4").
cpulist_compress() {
  awk 'BEGIN { out = ""; lo = -2; hi = -2 }
       function flush() { if (lo < 0) return; out = out (out == "" ? "" : ",") (lo == hi ? lo : lo "-" hi) }
       { if ($1 == hi + 1) { hi = $1 } else { flush(); lo = $1; hi = $1 } }
       END { flush(); print out }'
}

# Canonical form of a CPU list; fails when malformed.
cpulist_canon() {
  local expanded
  expanded=$(cpulist_expand "$1") || return 1
  [[ -z $expanded ]] && { echo ""; return 0; }
  cpulist_compress <<<"$expanded"
}

# Canonical CPU list of a hex mask as in /proc/irq/default_smp_affinity ("00000000,00000003").
hexmask_to_cpulist() {
  local hex=${1//,/} cpu=0 i digit bit
  [[ $hex =~ ^[0-9a-fA-F]+$ ]] || return 1
  for ((i = ${#hex} - 1; i >= 0; i--)); do
    digit=$((16#${hex:i:1}))
    for ((bit = 0; bit < 4; bit++)); do
      ((digit >> bit & 1)) && echo "$cpu"
      cpu=$((cpu + 1))
    done
  done | cpulist_compress
}

# Exit 0 when every CPU of list $1 is in list $2.
cpulist_subset() {
  local a b
  a=$(cpulist_expand "$1") || return 1
  b=$(cpulist_expand "$2") || return 1
  [[ -z $a ]] && return 0
  [[ -z $(comm -23 <(sort <<<"$a") <(sort <<<"$b")) ]]
}

# Canonical list of the CPUs in both $1 and $2 (empty when disjoint).
cpulist_intersect() {
  comm -12 <(cpulist_expand "$1" | sort) <(cpulist_expand "$2" | sort) | sort -n | cpulist_compress
}

PLAN_KEYS=(H I MD_CPU ENGINE_CPU OG_CPU ARCHIVER_CPU ISOLATION INTEL_IDLE_MAX_CSTATE PROCESSOR_MAX_CSTATE GOVERNOR SMT)
PLAN_AGENTS=(md engine og archiver)
declare -A PLAN=()
PLAN_PROBLEMS=()

plan_problem() { PLAN_PROBLEMS+=("[$1] $2"); }

plan_agent_key() {
  local agent=$1
  echo "${agent^^}_CPU"
}

# Loads and validates a plan file into PLAN; problems go to PLAN_PROBLEMS. Returns 1 on any problem.
plan_load() {
  local file=$1 line key value number=0 k
  PLAN=([ISOLATION]=both [INTEL_IDLE_MAX_CSTATE]=0 [PROCESSOR_MAX_CSTATE]=1 [GOVERNOR]=performance [SMT]=off)
  PLAN_PROBLEMS=()
  local -A seen=()
  if [[ ! -r $file ]]; then
    plan_problem unreadable "cannot read plan file $file"
    return 1
  fi
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=${line%%#*}
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    [[ -z $line ]] && continue
    if [[ ! $line =~ ^([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
      plan_problem bad-line "line $number is not KEY=value: '$line'"
      continue
    fi
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
    local known=0
    for k in "${PLAN_KEYS[@]}"; do [[ $k == "$key" ]] && known=1; done
    if ((!known)); then
      plan_problem unknown-key "line $number: unknown key $key (known: ${PLAN_KEYS[*]})"
      continue
    fi
    if [[ -n ${seen[$key]:-} ]]; then
      plan_problem duplicate-key "line $number: $key is already set on line ${seen[$key]}"
      continue
    fi
    seen[$key]=$number
    PLAN[$key]=$value
  done <"$file"
  plan_validate
}

# Checks the values in PLAN for malformed fields and contradictions; canonicalizes H and I.
plan_validate() {
  local name canon agent key cpu both
  for name in H I; do
    if [[ -z ${PLAN[$name]+set} ]]; then
      plan_problem cpulist-unset "$name is not set"
    elif ! canon=$(cpulist_canon "${PLAN[$name]}"); then
      plan_problem bad-cpulist "$name='${PLAN[$name]}' is not a CPU list such as 0-1,4"
      unset 'PLAN[$name]'
    elif [[ -z $canon ]]; then
      plan_problem cpulist-empty "$name is empty"
      unset 'PLAN[$name]'
    else
      PLAN[$name]=$canon
    fi
  done
  case ${PLAN[ISOLATION]} in isolcpus | nohz | both) ;; *) plan_problem bad-value "ISOLATION='${PLAN[ISOLATION]}' must be isolcpus, nohz or both" ;; esac
  case ${PLAN[SMT]} in on | off) ;; *) plan_problem bad-value "SMT='${PLAN[SMT]}' must be on or off" ;; esac
  [[ ${PLAN[GOVERNOR]} =~ ^[a-z]+$ ]] || plan_problem bad-value "GOVERNOR='${PLAN[GOVERNOR]}' must be a governor name such as performance"
  for name in INTEL_IDLE_MAX_CSTATE PROCESSOR_MAX_CSTATE; do
    [[ ${PLAN[$name]} =~ ^[0-9]{1,2}$ ]] || plan_problem bad-value "$name='${PLAN[$name]}' must be a small non-negative integer"
  done
  if [[ -n ${PLAN[H]:-} && -n ${PLAN[I]:-} ]]; then
    both=$(cpulist_intersect "${PLAN[H]}" "${PLAN[I]}")
    [[ -n $both ]] && plan_problem overlap "CPUs $both are in both H (${PLAN[H]}) and I (${PLAN[I]})"
  fi
  if [[ -n ${PLAN[I]:-} ]] && cpulist_subset 0 "${PLAN[I]}"; then
    plan_problem cpu0-isolated "CPU 0 is in I (${PLAN[I]}): the boot CPU must stay housekeeping"
  fi
  local -A owner=()
  for agent in "${PLAN_AGENTS[@]}"; do
    key=$(plan_agent_key "$agent")
    if [[ -z ${PLAN[$key]+set} ]]; then
      plan_problem agent-unset "$key is not set: give $agent a CPU from I, or none"
      continue
    fi
    cpu=${PLAN[$key]}
    [[ $cpu == none ]] && continue
    if [[ ! $cpu =~ ^[0-9]{1,4}$ ]]; then
      plan_problem bad-value "$key='$cpu' must be one CPU number or none"
      continue
    fi
    cpu=$((10#$cpu))
    PLAN[$key]=$cpu
    if [[ -n ${PLAN[H]:-} ]] && cpulist_subset "$cpu" "${PLAN[H]}"; then
      plan_problem agent-not-isolated "$key=$cpu is a housekeeping CPU (H=${PLAN[H]}); $agent must run on an isolated CPU"
    elif [[ -n ${PLAN[I]:-} ]] && ! cpulist_subset "$cpu" "${PLAN[I]}"; then
      plan_problem agent-core-missing "$key=$cpu is not in the plan (H=${PLAN[H]:-?}, I=${PLAN[I]})"
    fi
    if [[ -n ${owner[$cpu]:-} ]]; then
      plan_problem duplicate-agent-core "$key=$cpu: CPU $cpu already runs ${owner[$cpu]}"
    else
      owner[$cpu]=$agent
    fi
  done
  ((${#PLAN_PROBLEMS[@]} == 0))
}

# Prints the problems of the last plan_load to stderr, headed by the plan file name.
plan_report_problems() {
  local problem
  echo "bad plan $1:" >&2
  for problem in "${PLAN_PROBLEMS[@]}"; do echo "  $problem" >&2; done
}

plan_has_isolcpus() { [[ ${PLAN[ISOLATION]} == isolcpus || ${PLAN[ISOLATION]} == both ]]; }
plan_has_nohz() { [[ ${PLAN[ISOLATION]} == nohz || ${PLAN[ISOLATION]} == both ]]; }

# The boot-line tokens the plan asks for, one per line, in a fixed order.
plan_cmdline_tokens() {
  plan_has_isolcpus && echo "isolcpus=managed_irq,domain,${PLAN[I]}"
  if plan_has_nohz; then
    echo "nohz_full=${PLAN[I]}"
    echo "rcu_nocbs=${PLAN[I]}"
  fi
  echo "irqaffinity=${PLAN[H]}"
  echo "intel_idle.max_cstate=${PLAN[INTEL_IDLE_MAX_CSTATE]}"
  echo "processor.max_cstate=${PLAN[PROCESSOR_MAX_CSTATE]}"
  echo "transparent_hugepage=never"
  echo "skew_tick=1"
  echo "tsc=reliable"
  echo "nosoftlockup"
  echo "nowatchdog"
  [[ ${PLAN[SMT]} == off ]] && echo "nosmt"
  return 0
}

# The sysctl settings of 90-velox.conf as "key value" lines, in a fixed order.
plan_sysctls() {
  cat <<'SYSCTLS'
net.core.busy_poll 50
net.core.busy_read 50
kernel.sched_rt_runtime_us -1
kernel.numa_balancing 0
kernel.timer_migration 0
kernel.watchdog 0
kernel.nmi_watchdog 0
vm.stat_interval 10
vm.swappiness 0
SYSCTLS
}

# All CPUs of the plan (H and I), canonical.
plan_all_cpus() {
  { cpulist_expand "${PLAN[H]}"; cpulist_expand "${PLAN[I]}"; } | sort -n -u | cpulist_compress
}
