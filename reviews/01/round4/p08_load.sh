#!/bin/bash
# Machine load at review time (context for the run-time claim)
nproc; cat /proc/loadavg
