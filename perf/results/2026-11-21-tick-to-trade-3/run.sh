#!/bin/bash
# Tick-to-trade, three md-thread modes, interleaved rounds; restores kernel.sched_rt_runtime_us at the end.
B=${B:-artifacts/velox/velox}
D=${D:-45}
cd "$(dirname "$0")"
export VELOX_RISK__BREAKERS__MAX_DRAWDOWN=0 VELOX_RISK__BREAKERS__MAX_DAILY_LOSS=0
saved=$(cat /proc/sys/kernel/sched_rt_runtime_us)
for r in 1 2 3; do
  for mode in wait spin-throttled spin-unthrottled; do
    case $mode in
      wait) echo 950000 > /proc/sys/kernel/sched_rt_runtime_us; envs="" ;;
      spin-throttled) echo 950000 > /proc/sys/kernel/sched_rt_runtime_us; envs="VELOX_CPUS__ISOLATED=1 VELOX_CPUS__MD=1" ;;
      spin-unthrottled) echo -1 > /proc/sys/kernel/sched_rt_runtime_us; envs="VELOX_CPUS__ISOLATED=1 VELOX_CPUS__MD=1" ;;
    esac
    log=round$r-$mode.log
    { echo "# $(date -u +%FT%TZ) round $r $mode: $envs chrt -f 50 velox run --strategy mm --mode paper --duration $D --latency-breakdown"
      echo "# kernel.sched_rt_runtime_us=$(cat /proc/sys/kernel/sched_rt_runtime_us) load: $(cut -d' ' -f1-3 /proc/loadavg)"; } > $log
    env $envs chrt -f 50 $B run --strategy mm --mode paper --duration $D --latency-breakdown >> $log 2>&1
    echo "# rc=$? load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> $log
    echo "round $r $mode: $(grep -m1 'tick-to-trade p50.*over' $log)"
  done
done
echo $saved > /proc/sys/kernel/sched_rt_runtime_us
