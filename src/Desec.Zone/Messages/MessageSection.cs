namespace Desec.Zone.Messages;

/// <summary>
/// The parts of a message in the order they are written (RFC 1035 §4.1): the OPT record is the
/// last of the additional section but one (RFC 6891 §6.1.1 puts it anywhere there; we put it
/// last), and a TSIG record is always the very last (RFC 8945 §5.1).
/// </summary>
public enum MessageSection : byte
{
    Header = 0,
    Question = 1,
    Answer = 2,
    Authority = 3,
    Additional = 4,
    Opt = 5,
    Finished = 6,
}
