/**
 * TR50, the management portal's JSON protocol, for both of its sides: the installer's reply file
 * and the gateway agent (which send commands and read replies) and the portal emulator (which
 * reads commands and writes replies). Jackson is its only dependency.
 *
 * <ul>
 *   <li>The envelope: a {@link org.suptools.tr50.Tr50Request} of numbered
 *       {@link org.suptools.tr50.Tr50Command}s and the {@link org.suptools.tr50.Tr50Response} that
 *       answers each {@link org.suptools.tr50.RequestId} with a
 *       {@link org.suptools.tr50.Tr50Result}.</li>
 *   <li>Typed commands: {@code mailbox.check/update/ack/send}, {@code method.exec},
 *       {@code file.get}, {@code log.publish}, {@code attribute.publish}, {@code alarm.publish};
 *       any other command reads as an {@link org.suptools.tr50.UnknownCommand}. Typed reply
 *       params: {@link org.suptools.tr50.MailboxCheckResult},
 *       {@link org.suptools.tr50.FileGetResult}; the campaign method's params:
 *       {@link org.suptools.tr50.GatewaySupUpdate}.</li>
 *   <li>{@link org.suptools.tr50.Tr50Codec} writes all of them canonically (compact for MQTT,
 *       pretty for files) and reads them tolerantly but strictly typed, with one-line errors that
 *       name the field ({@link org.suptools.tr50.Tr50Exception}).</li>
 *   <li>MQTT: {@link org.suptools.tr50.Topics} builds and parses {@code api/<n>},
 *       {@code reply/<n>}, the deflated {@code apiz/replyz} (see
 *       {@link org.suptools.tr50.Deflate}) and {@code notify/<name>} under an optional per-thing
 *       prefix; {@link org.suptools.tr50.MailboxActivity} is the mailbox notice.</li>
 *   <li>Codes: {@link org.suptools.tr50.AckCodes} (device side),
 *       {@link org.suptools.tr50.PortalErrorCodes} (portal side).</li>
 * </ul>
 *
 * <p>{@code docs/reference/tr50.md} describes what is written and what is accepted, for peers and
 * operators.
 */
package org.suptools.tr50;
