/**
 * The wallet: BIP39 mnemonic and BIP32 keys, the encrypted keystore, spendable outputs, coin selection, transaction building and signing.
 */
package io.flint.wallet;
