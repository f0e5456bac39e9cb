#!/usr/bin/env bash
# Adds up every Surefire/Failsafe report of the last build and prints one closing summary line.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python3 - "$ROOT" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
tests = failures = errors = skipped = 0
failed = []
for path in sorted(glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml") + glob.glob(f"{root}/*/target/failsafe-reports/TEST-*.xml")):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0)); failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0)); skipped += int(suite.get("skipped", 0))
    for case in suite.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('classname')}.{case.get('name')}")
for name in failed:
    print(f"FAILED: {name}")
passed = tests - failures - errors - skipped
print(f"Tests run: {tests}, Failures: {failures}, Errors: {errors}, Skipped: {skipped}")
print(f"{passed} passed, {failures + errors} failed, {skipped} skipped")
PY
