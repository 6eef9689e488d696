namespace Desec.Auth.Tsig;

/// <summary>A key definition that cannot be used; the message names the key and what is wrong.</summary>
public sealed class TsigKeyException(string message) : Exception(message);
