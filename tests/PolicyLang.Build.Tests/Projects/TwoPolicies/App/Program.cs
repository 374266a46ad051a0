System.Console.WriteLine("governed");
