package org.fovea.reporting.phrase;

/**
 * A typical phrase of the knowledge base (P13).
 *
 * @param bodyPart the body part it belongs to (胸部, 头颅…), empty for any
 * @param shortcut what a radiologist types to insert it at once (usually the initials of its gist)
 * @param kind     "findings" or "impression"
 */
public record Phrase(String bodyPart, String shortcut, String kind, String text) {
}
