#!/usr/bin/env python3
"""Reads a FIT workout back with Garmin's own FIT SDK and compares it with the
JSON timeline of the same routine.

    python3 tests/fit/decode.py class.fit class.json

Checks that the file's integrity holds (header, sizes, CRCs), that the SDK reads
it without errors, that it is a workout of sport training and sub-sport yoga,
and that its steps, with every repeat run out as a watch runs it, are the
timeline's events in order: rests as rest steps, poses as steps named after the
pose (and its side), reps as reps and every other length as time, within a
second of the middle of the event's range. Prints one line on success; on a
mismatch prints every one found and exits 1. Exits 2 when the SDK is missing.
"""

import json
import sys

try:
    from garmin_fit_sdk import Decoder, Stream
except ImportError:
    print("garmin-fit-sdk is not installed: python3 -m pip install garmin-fit-sdk", file=sys.stderr)
    sys.exit(2)

# What a section's poses run as on the watch (src/emit/fit.rs, Intensity).
INTENSITY = {"centering": "warmup", "warmup": "warmup", "cooldown": "cooldown",
             "restorative": "cooldown", "relaxation": "cooldown"}
# A FIT string holds at most 254 bytes of text (src/emit/fit.rs, MAX_TEXT).
MAX_TEXT = 254


def cut(text):
    """Text cut to MAX_TEXT bytes on a character boundary, as ybc cuts it."""
    data = text.encode("utf-8")[:MAX_TEXT]
    return data.decode("utf-8", errors="ignore")


def run_out(steps, problems):
    """The work steps in the order a watch runs them: a repeat step runs the
    steps from its `duration_step` up to itself until they have run
    `repeat_steps` times in all."""
    out = []
    for i, step in enumerate(steps):
        if step.get("duration_type") != "repeat_until_steps_cmplt":
            out.append(step)
            continue
        start, times = step.get("duration_step"), step.get("repeat_steps")
        if not isinstance(start, int) or not isinstance(times, int) or not 0 <= start < i or times < 2:
            problems.append(f"step {i}: a repeat from {start!r}, {times!r} times")
            continue
        body = steps[start:i]
        if any(s.get("duration_type") == "repeat_until_steps_cmplt" for s in body):
            problems.append(f"step {i}: repeats nest")
        for _ in range(times - 1):
            out.extend(body)
    return out


def compare(n, step, event, problems):
    def wrong(what):
        problems.append(f"event {n} ({event['name']}, line {event['line']}): {what}")

    name = step.get("wkt_step_name", "")
    expected_name = event["name"] + {"left": " (left)", "right": " (right)"}.get(event["side"], "")
    if name != cut(expected_name):
        wrong(f"named {name!r}, not {expected_name!r}")
    if event["kind"] == "rest":
        if step.get("intensity") != "rest":
            wrong(f"a rest with intensity {step.get('intensity')!r}")
    else:
        intensity = INTENSITY.get(event["section"], "active")
        if step.get("intensity") != intensity:
            wrong(f"intensity {step.get('intensity')!r}, not {intensity!r}")
        if step.get("exercise_category") != "pose":
            wrong(f"exercise category {step.get('exercise_category')!r}, not 'pose'")
    if event["reps"] is not None:
        reps = (event["reps"]["min"] + event["reps"]["max"]) // 2
        if step.get("duration_type") != "reps" or step.get("duration_reps") != reps:
            wrong(f"{step.get('duration_type')} {step.get('duration_value')}, not {reps} reps")
    else:
        seconds = (event["seconds"]["min"] + event["seconds"]["max"]) / 2
        if step.get("duration_type") != "time":
            wrong(f"ends by {step.get('duration_type')!r}, not by time")
        elif abs(step.get("duration_time", -1) - seconds) > 1:
            wrong(f"{step.get('duration_time')} s, not {seconds} s")
    cue = cut(event["cues"][0]) if event["cues"] else None
    if step.get("notes") != cue:
        wrong(f"notes {step.get('notes')!r}, not {cue!r}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    fit_path, json_path = sys.argv[1], sys.argv[2]
    problems = []
    if not Decoder(Stream.from_file(fit_path)).check_integrity():
        problems.append("check_integrity() is false")
    messages, errors = Decoder(Stream.from_file(fit_path)).read()
    problems.extend(f"read(): {error}" for error in errors)
    file_ids = messages.get("file_id_mesgs", [])
    if [m.get("type") for m in file_ids] != ["workout"]:
        problems.append(f"file_id types {[m.get('type') for m in file_ids]}, not one workout")
    workouts = messages.get("workout_mesgs", [])
    steps = sorted(messages.get("workout_step_mesgs", []), key=lambda s: s.get("message_index", -1))
    timeline = json.load(open(json_path, encoding="utf-8"))
    if len(workouts) != 1:
        problems.append(f"{len(workouts)} workout messages, not one")
    else:
        workout = workouts[0]
        if (workout.get("sport"), workout.get("sub_sport")) != ("training", "yoga"):
            problems.append(f"sport {workout.get('sport')!r} / {workout.get('sub_sport')!r}, not training / yoga")
        if workout.get("num_valid_steps") != len(steps):
            problems.append(f"num_valid_steps {workout.get('num_valid_steps')}, but {len(steps)} steps")
        title = timeline["meta"]["title"]
        if title is not None and workout.get("wkt_name") != cut(title):
            problems.append(f"named {workout.get('wkt_name')!r}, not {title!r}")
    if [s.get("message_index") for s in steps] != list(range(len(steps))):
        problems.append("step indexes are not 0, 1, 2, …")
    work = run_out(steps, problems)
    events = timeline["timeline"]
    if len(work) != len(events):
        problems.append(f"{len(work)} steps with repeats run out, but {len(events)} events in the timeline")
    for n, (step, event) in enumerate(zip(work, events)):
        compare(n, step, event, problems)
    if problems:
        print(f"{fit_path}:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    repeats = len(steps) - len([s for s in steps if s.get("duration_type") != "repeat_until_steps_cmplt"])
    print(f"{fit_path}: {len(steps)} steps ({repeats} repeat{'' if repeats == 1 else 's'}) run out to the {len(events)} events of the timeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
