"""The labelled error corpus of the failure monitor: triggers that provoke real failures.

`harvest.py` runs every harvester in `triggers/`, merges the transcribed `documented.jsonl`
and writes `src/datamorph/monitor/data/corpus.jsonl`. See `common.py` for the entry format.
"""
