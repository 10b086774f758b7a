// moment-business-time ships no types; it is imported only for its side
// effect (patching moment's prototype). The methods it adds are declared
// where they are used, in peer.ts.
declare module "moment-business-time";
