#!/usr/bin/env python3
"""Reads swift test's xUnit file and prints the closing line CI reads: 'N passed, N failed'.
Exits non-zero when any test failed or none ran."""
import sys
import xml.etree.ElementTree as ET

cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
passed = failed = 0
for case in cases:
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
        print(f"FAILED: {case.get('classname')}.{case.get('name')}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
