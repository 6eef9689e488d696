using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// dohpath (RFC 9461 §5): a relative URI Template in UTF-8 that starts with <c>/</c> and has a
/// <c>dns</c> variable. Printed as <c>key7="..."</c> like BIND 9.18 does.
/// </summary>
internal sealed class DohPathParam() : SvcParam(SvcParamKeys.DohPath, "dohpath")
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public override bool PrintsName => false;

    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        var error = Validate(text);
        if (error is null) { output.WriteBytes(text); }
        return error;
    }

    public override string? Validate(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) { return "dohpath needs a value"; }
        string template;
        try { template = StrictUtf8.GetString(value); }
        catch (ArgumentException) { return "dohpath is not valid UTF-8 (RFC 9461 §5)"; }
        if (template[0] != '/') { return "dohpath must be a relative path starting with '/' (RFC 9461 §5)"; }
        return HasDnsVariable(template) ? null : "dohpath has no {dns} variable (RFC 9461 §5)";
    }

    /// <summary>True when some expression <c>{...}</c> names the variable <c>dns</c> (RFC 6570 §2.2).</summary>
    private static bool HasDnsVariable(string template)
    {
        int open = template.IndexOf('{');
        while (open >= 0)
        {
            int close = template.IndexOf('}', open);
            if (close < 0) { return false; }
            var expression = template.AsSpan(open + 1, close - open - 1);
            if (expression.Length > 0 && "+#./;?&".Contains(expression[0])) { expression = expression[1..]; }
            foreach (var range in expression.Split(','))
            {
                var variable = expression[range];
                if (variable.EndsWith("*")) { variable = variable[..^1]; }
                int colon = variable.IndexOf(':');
                if (colon >= 0) { variable = variable[..colon]; }
                if (variable.SequenceEqual("dns")) { return true; }
            }
            open = template.IndexOf('{', close);
        }
        return false;
    }

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output) => FormatOpaque(value, output);
}
