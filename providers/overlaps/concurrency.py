"""When parallel offers meet: the times at which offers of two or more different providers
are open at once ("zeitgleich").

Pure functions on ``providers.schedules.parsing.Slot``; no database access. A monthly slot
("jeden 1. Mittwoch") counts on its weekday like a weekly one: two offers on the same
weekday at overlapping hours may meet, and the window is given by weekday and hours only.
Slots that merely touch (one closes at 14:00, the other opens at 14:00) do not meet.
"""

from collections import Counter, defaultdict

from providers.schedules.describe import describe_slots
from providers.schedules.parsing import Slot

_CLOSE, _OPEN = 0, 1  # at the same minute, closings come first: touching slots do not meet


def concurrent_slots(slots_by_provider):
    """The weekly windows in which at least two different providers are open.

    ``slots_by_provider`` maps a provider (any hashable) to the slots of its offers. The
    result is sorted by weekday and time, adjacent windows joined: [Slot(1, 14:00, 16:00)].
    A sweep over each weekday's openings and closings: linear in the number of slots
    (after sorting), so a cell with hundreds of offers costs no pairwise comparison.
    """
    events = defaultdict(list)  # weekday → [(time, kind, provider)]
    for provider, slots in slots_by_provider.items():
        for slot in slots:
            events[slot.weekday].append((slot.opens, _OPEN, provider))
            events[slot.weekday].append((slot.closes, _CLOSE, provider))
    windows = []
    for weekday in sorted(events):
        open_slots = Counter()  # provider → slots open now
        start = None
        for time, kind, provider in sorted(events[weekday], key=lambda event: (event[0], event[1])):
            open_slots[provider] += 1 if kind == _OPEN else -1
            if not open_slots[provider]:
                del open_slots[provider]
            meeting = len(open_slots) >= 2
            if meeting and start is None:
                start = time
            elif not meeting and start is not None:
                _append_window(windows, Slot(weekday=weekday, opens=start, closes=time))
                start = None
    return windows


def _append_window(windows, window):
    """Join a window to the previous one when it starts where that one ended."""
    if windows and windows[-1].weekday == window.weekday and windows[-1].closes >= window.opens:
        previous = windows.pop()
        window = Slot(weekday=window.weekday, opens=previous.opens, closes=max(previous.closes, window.closes))
    windows.append(window)


def describe_concurrency(windows):
    """„Di 14:00–16:00 Uhr“, or '' when the offers never meet."""
    return describe_slots(windows) if windows else ""
