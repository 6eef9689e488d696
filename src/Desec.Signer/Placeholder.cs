namespace Desec.Signer;
