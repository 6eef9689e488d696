namespace Desec.Signer.Algorithms;

/// <summary>
/// A key that cannot be used: an algorithm this signer does not implement, a public key of the
/// wrong length or not on its curve, private key material that does not fit its algorithm.
/// </summary>
public class DnssecKeyException(string message, Exception? inner = null) : Exception(message, inner);
