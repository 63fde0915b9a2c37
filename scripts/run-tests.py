#!/usr/bin/env python3
"""Runs Q86's meson test suites and prints the closing line CI reads.

Usage: run-tests.py [--build DIR[:SUITES]] ...

Each --build names a configured meson build directory and, after a colon,
a comma-separated list of suites to run there (prefix a suite with '!' to
run everything except it).  Failing tests are named above the closing line
`N passed, M failed[, K skipped]`; the exit status is non-zero if any test
failed or a directory could not be run.
"""
import argparse
import json
import os
import subprocess
import sys

FAILED = {"FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"}
PASSED = {"OK", "EXPECTEDFAIL"}


def run_dir(build, suites, extra):
    cmd = ["meson", "test", "-C", build, "--no-rebuild", "--print-errorlogs"]
    for s in suites:
        if s.startswith("!"):
            cmd += ["--no-suite", s[1:]]
        else:
            cmd += ["--suite", s]
    cmd += extra
    log = os.path.join(build, "meson-logs", "testlog.json")
    if os.path.exists(log):
        os.unlink(log)
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL)
    results = []
    if os.path.exists(log):
        with open(log, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    results.append(json.loads(line))
    elif proc.returncode != 0:
        results.append({"name": f"meson test in {build}", "result": "ERROR"})
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="append", required=True,
                    help="DIR[:suite,suite,...] to run")
    ap.add_argument("meson_args", nargs="*", help="extra arguments for meson test")
    args = ap.parse_args()

    passed, failed, skipped = 0, [], 0
    for spec in args.build:
        build, _, suites = spec.partition(":")
        suite_list = [s for s in suites.split(",") if s]
        for r in run_dir(build, suite_list, args.meson_args):
            res = r.get("result", "ERROR")
            if res in PASSED:
                passed += 1
            elif res == "SKIP":
                skipped += 1
            else:
                failed.append(f"{build}: {r.get('name', '?')} ({res})")
    if failed:
        print("Failed tests:")
        for name in failed:
            print(f"  {name}")
    line = f"{passed} passed, {len(failed)} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
