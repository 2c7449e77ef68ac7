package vn.dvk.notification.recipient;

/** How a message reaches a person. SMS and Zalo go through the province's gateway, called by a signed webhook. */
public enum Channel {
    INBOX, EMAIL, SMS, ZALO;

    /** Whether the channel interrupts a person's phone, and so waits for the end of their quiet hours. */
    public boolean intrusive() {
        return this == SMS || this == ZALO;
    }
}
