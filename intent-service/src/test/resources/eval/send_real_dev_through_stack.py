#!/usr/bin/env python3
"""Route the real dev set's clear rows through the running stack (issue 17's measure): each message the first turn of
its own guest's conversation over REST. Prints agent/intent accuracy and the clarified fraction per half (tuning half:
origin id ending in an even digit; scoring half: odd). A clarification is right only when the true intent is among
its suggestions; a refusal or scope reply is wrong. Only the tuning half's misses are printed.
Usage: send_real_dev_through_stack.py /work/shared/data/real_dev_routing.tsv [OUT.jsonl]"""
import collections, csv, json, sys
from stack_client import guest, send
