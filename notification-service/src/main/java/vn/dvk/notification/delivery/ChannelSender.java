package vn.dvk.notification.delivery;

import vn.dvk.notification.recipient.Channel;

/** Sends a delivery over one kind of channel; a failure is an exception whose message goes into the log. */
interface ChannelSender {

    boolean handles(Channel channel);

    /** Whether the channel is configured here; deliveries are made only for channels that are. */
    boolean enabled();

    void send(Delivery delivery) throws Exception;
}
