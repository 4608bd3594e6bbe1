package dev.switchboard.chat.conversation;

/** A knowledge-base passage an assistant reply drew on, as stored with the message and shown in the conversation. */
public record ReferenceView(String id, String title, String snippet, double score) {
}
