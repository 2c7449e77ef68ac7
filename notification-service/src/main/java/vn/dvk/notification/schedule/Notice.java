package vn.dvk.notification.schedule;

import java.util.Map;
import java.util.Set;

import vn.dvk.kit.security.Role;
import vn.dvk.notification.template.NotificationType;

/**
 * One message to send to whoever it concerns: a named person ({@code username}), or the people of a unit with any
 * of {@code roles}. {@code key} is unique per message and part of every delivery's dedupe key, so a notice
 * processed twice reaches nobody twice. {@code templates} pins the template version per language.
 *
 * @param reference     what the message is about (a registration, round, grading…), shown with inbox items
 * @param correlationId the correlation id of the event or request that caused it (null if none), carried into its
 *                      deliveries and their {@code notification-events}
 */
public record Notice(String key, NotificationType type, String unitCode, Set<Role> roles, String username,
        Map<String, String> values, Map<String, Integer> templates, String reference, String correlationId) {
}
