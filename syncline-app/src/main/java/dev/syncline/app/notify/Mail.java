package dev.syncline.app.notify;

/** One message to the people who run Syncline: a subject line and a plain-text body. */
public record Mail(String subject, String body) {}
