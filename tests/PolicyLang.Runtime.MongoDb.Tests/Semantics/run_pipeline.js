// Runs one aggregation pipeline with mingo (an in-memory implementation of MongoDB's aggregation language, not a server).
// Usage: node run_pipeline.js <input.json>; input (canonical Extended JSON): { collection, pipeline, collections: { name: [docs] } }.
// Prints the result documents as canonical Extended JSON.
"use strict";
const fs = require("fs");
const { EJSON } = require("bson");
const { Aggregator } = require("mingo");

const input = EJSON.parse(fs.readFileSync(process.argv[2], "utf8"), { relaxed: true });
const collections = input.collections;
const options = { collectionResolver: (name) => collections[name] ?? [] };
const result = new Aggregator(input.pipeline, options).run(collections[input.collection] ?? []);
process.stdout.write(EJSON.stringify(result, { relaxed: true }));
