namespace ContactRules.Expressions.Compilation;

/// <summary>A compiled expression. Thread-safe; evaluation never throws and never runs past its budget.</summary>
public sealed class CelProgram
{
    // STUB: replaced by the closure compiler.
    public object Evaluate(Activation activation) => throw new NotImplementedException();
}
