/**
 * Email to the people who run Syncline: a digest of each flow's new failures, an alert when a flow
 * falls behind and when it is back, and an alert when a flow stops. {@link
 * dev.syncline.app.notify.Notifications} decides what is due, once across the nodes sharing a
 * database; a {@link dev.syncline.app.notify.Notifier} delivers it.
 */
package dev.syncline.app.notify;
