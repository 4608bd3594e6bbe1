package dev.switchboard.gateway.chat;

import dev.switchboard.events.ChatReplied;

/**
 * What a customer is answered: the pipeline's reply, or ({@code placeholder}) the gateway's own when no reply came in
 * time, which the real reply replaces once it comes.
 */
record Answer(ChatReplied reply, boolean placeholder) {
}
