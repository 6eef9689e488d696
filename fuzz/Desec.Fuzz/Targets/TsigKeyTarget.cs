using System.Text;
using Desec.Auth.Tsig;

namespace Desec.Fuzz.Targets;

/// <summary>
/// TSIG keys as operators paste them, BIND or Knot form (<see cref="TsigKeyText.Parse"/>).
/// Contract: bad text throws <see cref="TsigKeyException"/> and nothing else.
/// </summary>
public sealed class TsigKeyTarget : IFuzzTarget
{
    public string Name => "tsigkey";

    public void Run(byte[] input)
    {
        try
        {
            TsigKeyText.Parse(Encoding.UTF8.GetString(input));
        }
        catch (TsigKeyException) { }
    }
}
