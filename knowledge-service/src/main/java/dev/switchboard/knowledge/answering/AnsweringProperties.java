package dev.switchboard.knowledge.answering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param passages how many passages a reply cites and a fallback request carries */
@ConfigurationProperties("switchboard.knowledge")
record AnsweringProperties(@DefaultValue("3") int passages) {
}
