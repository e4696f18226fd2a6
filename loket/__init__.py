import warnings

# pyHanko still imports cryptography's DSA types, which cryptography now deprecates on
# import. It is not ours to fix, and it must not reach every command's stderr.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
