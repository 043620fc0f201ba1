// Slot values as the dialog handles them, and their conversion to and from Lex's slot shape.
import type { IncomingSlotValue, Slots, SlotValue } from "../chat-contract";
import { INTENT_SLOTS, type IntentName, type SlotName } from "../intents";
import type { Entities, EntityValue } from "../nlu/entities";
import { isValidSlotValue } from "../slot-rules";

export type SlotValues = Readonly<Partial<Record<SlotName, EntityValue>>>;

/** The values the utterance gives for the slots `intent` takes; invalid values are left out. */
export function slotValuesFrom(intent: IntentName, entities: Entities): SlotValues {
  const values: Partial<Record<SlotName, EntityValue>> = {};
  for (const slot of INTENT_SLOTS[intent]) {
    const value = slot === "searchTerm" ? searchTermOf(entities) : entities[slot];
    if (value && isValidSlotValue(slot, value.interpretedValue)) values[slot] = value;
  }
  return values;
}

/**
 * What a search is for: the term its words introduce, else the address or the user it names ("who has the
 * email bob@example.com", "is there anyone called bob"), as typed: the Users API matches either.
 */
function searchTermOf({ searchTerm, email, username, displayName }: Entities): EntityValue | undefined {
  const named = searchTerm ?? email ?? username ?? displayName;
  return named && { originalValue: named.originalValue, interpretedValue: named.originalValue.trim() };
}

/** A value for `slot` if `value` is valid for it. */
export function validSlotValue(slot: SlotName, value: EntityValue): SlotValues {
  return isValidSlotValue(slot, value.interpretedValue) ? { [slot]: value } : {};
}

/** The filled slots of a session state the client sent back (already validated at the edge). */
export function slotValuesFromState(
  slots: Readonly<Partial<Record<SlotName, IncomingSlotValue | null>>> | undefined,
): SlotValues {
  const values: Partial<Record<SlotName, EntityValue>> = {};
  for (const [slot, slotValue] of Object.entries(slots ?? {}) as [SlotName, IncomingSlotValue | null][]) {
    if (slotValue) values[slot] = slotValue.value;
  }
  return values;
}

/** Lex's slots for `intent`: every slot present, `null` when unfilled. */
export function toLexSlots(intent: IntentName, values: SlotValues): Slots {
  const slots: Partial<Record<SlotName, SlotValue | null>> = {};
  for (const slot of INTENT_SLOTS[intent]) {
    const value = values[slot];
    slots[slot] = value
      ? {
          value: {
            originalValue: value.originalValue,
            interpretedValue: value.interpretedValue,
            resolvedValues: [value.interpretedValue],
          },
        }
      : null;
  }
  return slots;
}
